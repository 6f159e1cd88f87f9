import PluginSDK

import Foundation
import SQLiteStorage

/// Settings from `config/server.json`; every key is optional and falls back to the default here.
/// Command-line flags override `host`, `port` and `data_dir`. The file is read strictly (see
/// `keys`): an unknown key or a value out of bounds stops the start with a message naming it.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 8080
    /// Folder holding the database file (created when missing).
    public var dataDir = "data"
    /// Database file name inside `dataDir`.
    public var databaseFile = "invoice-server.sqlite"
    /// SQLite `synchronous`: FULL (default, every answered write survives power loss) or NORMAL.
    public var synchronous = "FULL"
    public var busyTimeoutMilliseconds = 5_000
    public var readerConnections = 4
    public var maxBodyBytes = 1 << 20
    public var maxParameters = 256
    public var maxStringBytes = 64 << 10
    /// Seconds a connection may stay silent (slow or idle clients) before it is closed.
    public var idleTimeoutSeconds = 30
    /// Seconds a request body may take to arrive in full (slow-body clients are cut off).
    public var bodyTimeoutSeconds = 30
    /// Lifetime of a login token.
    public var tokenLifetimeSeconds: Int64 = 30 * 24 * 3600
    public var passwordIterations = 600_000
    /// Language of answers when the request names none.
    public var defaultLanguage = "en"
    /// What `data` holds in a -400 answer: where the client sends the user to log in.
    public var loginURL = "/?s=user/logininfo.html"
    /// Install and enable compiled-in plugins the first time the server meets them.
    public var autoInstallPlugins = true
    /// Addresses of reverse proxies whose `X-Forwarded-Proto: https` marks a request as TLS (the
    /// dashboard's cookies are then `Secure`). Empty: no proxy is trusted.
    public var trustedProxies: [String] = []
    /// Failed logins of one account name before each further one locks it (issue 14).
    public var loginFreeFailuresPerAccount = 5
    /// Failed logins from one client address before each further one locks it.
    public var loginFreeFailuresPerAddress = 20
    /// The first lock's length; each further failure doubles it, up to `loginMaxBackoffSeconds`.
    public var loginBackoffSeconds: Int64 = 1
    public var loginMaxBackoffSeconds: Int64 = 900
    /// Password hashes running at once (0: half the cores, at least one).
    public var passwordHashConcurrency = 0
    /// Password hashes allowed to wait for a turn; attempts beyond are refused at once (-429).
    public var passwordHashQueue = 8
    /// Largest request head (request line and headers) in bytes; larger ones answer HTTP 431.
    public var maxHeaderBytes = 16 << 10
    /// Seconds graceful shutdown waits for request bodies still arriving before cutting them.
    public var shutdownGraceSeconds = 2
    /// Fail any action that reads a parameter its route does not declare (tests run with it on).
    public var checkDeclaredParams = false
    /// The IANA time zone of stores that name none (`time_zone` of the invoice store settings).
    public var timeZone = "UTC"
    /// `/readyz` fails when the oldest pending outbox message has waited longer than this.
    public var outboxStuckSeconds: Int64 = 3_600
    /// `/readyz` fails when a due scheduled occurrence has waited longer than this.
    public var schedulerStuckSeconds: Int64 = 600
    /// Most calls one batch request may carry (`/api/plugins/batch`); more answer -5000.
    public var batchMaxCalls = 50
    /// Longest time an atomic batch may hold the storage writer; past it the batch rolls back.
    public var batchAtomicSeconds = 5
    /// Folder of `server.json`; plugin defaults are read from `<configDir>/plugins/<name>.json`.
    public var configDir = "config"

    public init() {}

    /// Every key `server.json` may hold.
    public static var keys: [ConfigKey<ServerConfiguration>] {
        [
            .string("host", \.host),
            .integer("port", \.port, range: 0...65_535),
            .string("data_dir", \.dataDir),
            .string("database_file", \.databaseFile),
            .string("synchronous", \.synchronous, allowed: SQLiteConfiguration.Synchronous.allCases.map(\.rawValue)),
            .integer("busy_timeout_ms", \.busyTimeoutMilliseconds, range: 0...Int.max),
            .integer("reader_connections", \.readerConnections, range: 1...64),
            .integer("max_body_bytes", \.maxBodyBytes, range: 1...Int.max),
            .integer("max_parameters", \.maxParameters, range: 1...Int.max),
            .integer("max_string_bytes", \.maxStringBytes, range: 1...Int.max),
            .integer("idle_timeout_seconds", \.idleTimeoutSeconds, range: 1...Int.max),
            .integer("body_timeout_seconds", \.bodyTimeoutSeconds, range: 1...Int.max),
            .integer("token_lifetime_seconds", \.tokenLifetimeSeconds, range: 60...Int64.max),
            .integer("password_iterations", \.passwordIterations, range: 1...Int.max),
            .string("default_lang", \.defaultLanguage, allowed: Language.allCases.map(\.rawValue)),
            .string("login_url", \.loginURL),
            .boolean("auto_install_plugins", \.autoInstallPlugins),
            .strings("trusted_proxies", \.trustedProxies),
            .timeZone("time_zone", \.timeZone),
            .integer("outbox_stuck_seconds", \.outboxStuckSeconds, range: 1...Int64.max),
            .integer("scheduler_stuck_seconds", \.schedulerStuckSeconds, range: 1...Int64.max),
            .integer("login_free_failures_per_account", \.loginFreeFailuresPerAccount, range: 1...Int.max),
            .integer("login_free_failures_per_address", \.loginFreeFailuresPerAddress, range: 1...Int.max),
            .integer("login_backoff_seconds", \.loginBackoffSeconds, range: 1...Int64.max),
            .integer("login_max_backoff_seconds", \.loginMaxBackoffSeconds, range: 1...Int64.max),
            .integer("password_hash_concurrency", \.passwordHashConcurrency, range: 0...1_024),
            .integer("password_hash_queue", \.passwordHashQueue, range: 0...100_000),
            .integer("max_header_bytes", \.maxHeaderBytes, range: 1_024...Int.max),
            .integer("shutdown_grace_seconds", \.shutdownGraceSeconds, range: 0...3_600),
            .boolean("check_declared_params", \.checkDeclaredParams),
            .integer("batch_max_calls", \.batchMaxCalls, range: 1...1_000),
            .integer("batch_atomic_seconds", \.batchAtomicSeconds, range: 1...300),
        ]
    }

    /// Reads `path` strictly. A missing file gives the defaults unless `required` (the path was
    /// named on the command line); a malformed file, an unknown key or a bad value throws.
    public static func load(path: String, required: Bool = false) throws(ConfigurationError) -> ServerConfiguration {
        let url = URL(fileURLWithPath: path)
        var configuration = ServerConfiguration()
        if FileManager.default.fileExists(atPath: path) {
            configuration = try ConfigReader.load(path: path, into: configuration, keys: keys)
        } else if required {
            throw ConfigurationError(file: path, problem: "no such file")
        }
        configuration.configDir = url.deletingLastPathComponent().path
        return configuration
    }

    /// Full path of the database file.
    public var databasePath: String {
        URL(fileURLWithPath: dataDir).appendingPathComponent(databaseFile).path
    }

    /// The storage settings these values describe.
    public var storage: SQLiteConfiguration {
        SQLiteConfiguration(
            path: databasePath,
            readerCount: readerConnections,
            synchronous: SQLiteConfiguration.Synchronous(rawValue: synchronous.uppercased()) ?? .full,
            busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// The login throttle's policy these values describe.
    public var loginPolicy: LoginThrottle.Policy {
        LoginThrottle.Policy(
            freeFailuresPerAccount: loginFreeFailuresPerAccount, freeFailuresPerAddress: loginFreeFailuresPerAddress,
            backoffSeconds: loginBackoffSeconds, maxBackoffSeconds: loginMaxBackoffSeconds)
    }

    /// The request bounds these values describe.
    public var limits: RequestLimits {
        RequestLimits(maxBodyBytes: maxBodyBytes, maxParameters: maxParameters, maxStringBytes: maxStringBytes)
    }
}
