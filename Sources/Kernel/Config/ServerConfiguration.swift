import PluginSDK

import Foundation
import SQLiteStorage

/// Settings from `config/server.json`; every key is optional and falls back to the default here.
/// Command-line flags override `host`, `port` and `data_dir`.
public struct ServerConfiguration: Sendable, Decodable {
    public var host = "127.0.0.1"
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
    /// Folder of `server.json`; plugin defaults are read from `<configDir>/plugins/<name>.json`.
    public var configDir = "config"

    public init() {}

    enum CodingKeys: String, CodingKey {
        case host, port, synchronous
        case dataDir = "data_dir"
        case databaseFile = "database_file"
        case busyTimeoutMilliseconds = "busy_timeout_ms"
        case readerConnections = "reader_connections"
        case maxBodyBytes = "max_body_bytes"
        case maxParameters = "max_parameters"
        case maxStringBytes = "max_string_bytes"
        case idleTimeoutSeconds = "idle_timeout_seconds"
        case bodyTimeoutSeconds = "body_timeout_seconds"
        case tokenLifetimeSeconds = "token_lifetime_seconds"
        case passwordIterations = "password_iterations"
        case defaultLanguage = "default_lang"
        case loginURL = "login_url"
        case autoInstallPlugins = "auto_install_plugins"
        case trustedProxies = "trusted_proxies"
        case loginFreeFailuresPerAccount = "login_free_failures_per_account"
        case loginFreeFailuresPerAddress = "login_free_failures_per_address"
        case loginBackoffSeconds = "login_backoff_seconds"
        case loginMaxBackoffSeconds = "login_max_backoff_seconds"
        case passwordHashConcurrency = "password_hash_concurrency"
        case passwordHashQueue = "password_hash_queue"
        case maxHeaderBytes = "max_header_bytes"
        case shutdownGraceSeconds = "shutdown_grace_seconds"
        case checkDeclaredParams = "check_declared_params"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try container.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        host = try value(.host, host)
        port = try value(.port, port)
        dataDir = try value(.dataDir, dataDir)
        databaseFile = try value(.databaseFile, databaseFile)
        synchronous = try value(.synchronous, synchronous)
        busyTimeoutMilliseconds = try value(.busyTimeoutMilliseconds, busyTimeoutMilliseconds)
        readerConnections = try value(.readerConnections, readerConnections)
        maxBodyBytes = try value(.maxBodyBytes, maxBodyBytes)
        maxParameters = try value(.maxParameters, maxParameters)
        maxStringBytes = try value(.maxStringBytes, maxStringBytes)
        idleTimeoutSeconds = try value(.idleTimeoutSeconds, idleTimeoutSeconds)
        bodyTimeoutSeconds = try value(.bodyTimeoutSeconds, bodyTimeoutSeconds)
        tokenLifetimeSeconds = try value(.tokenLifetimeSeconds, tokenLifetimeSeconds)
        passwordIterations = try value(.passwordIterations, passwordIterations)
        defaultLanguage = try value(.defaultLanguage, defaultLanguage)
        loginURL = try value(.loginURL, loginURL)
        autoInstallPlugins = try value(.autoInstallPlugins, autoInstallPlugins)
        trustedProxies = try value(.trustedProxies, trustedProxies)
        loginFreeFailuresPerAccount = try value(.loginFreeFailuresPerAccount, loginFreeFailuresPerAccount)
        loginFreeFailuresPerAddress = try value(.loginFreeFailuresPerAddress, loginFreeFailuresPerAddress)
        loginBackoffSeconds = try value(.loginBackoffSeconds, loginBackoffSeconds)
        loginMaxBackoffSeconds = try value(.loginMaxBackoffSeconds, loginMaxBackoffSeconds)
        passwordHashConcurrency = try value(.passwordHashConcurrency, passwordHashConcurrency)
        passwordHashQueue = try value(.passwordHashQueue, passwordHashQueue)
        maxHeaderBytes = try value(.maxHeaderBytes, maxHeaderBytes)
        shutdownGraceSeconds = try value(.shutdownGraceSeconds, shutdownGraceSeconds)
        checkDeclaredParams = try value(.checkDeclaredParams, checkDeclaredParams)
    }

    /// Reads `path`; a missing file gives the defaults, a malformed one throws.
    public static func load(path: String) throws -> ServerConfiguration {
        let url = URL(fileURLWithPath: path)
        var configuration: ServerConfiguration
        if FileManager.default.fileExists(atPath: path) {
            configuration = try JSONDecoder().decode(ServerConfiguration.self, from: Data(contentsOf: url))
        } else {
            configuration = ServerConfiguration()
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
