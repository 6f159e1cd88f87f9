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
    /// The IANA time zone of stores that name none (`time_zone` of the invoice store settings).
    public var timeZone = "UTC"
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
        case timeZone = "time_zone"
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
        timeZone = try value(.timeZone, timeZone)
        guard TimeZoneRules.named(timeZone) != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeZone, in: container, debugDescription: "'\(timeZone)' is not an IANA time zone name (UTC, Asia/Shanghai, ...)")
        }
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

    /// The request bounds these values describe.
    public var limits: RequestLimits {
        RequestLimits(maxBodyBytes: maxBodyBytes, maxParameters: maxParameters, maxStringBytes: maxStringBytes)
    }
}
