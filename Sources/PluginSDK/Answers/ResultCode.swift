/// The envelope's `code`: stable numbers ShopXO clients already understand (docs/errors.md).
public struct ResultCode: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Success.
    public static let success = ResultCode(rawValue: 0)
    /// Generic failure; `msg` says what (validation, unknown action, internal error).
    public static let failure = ResultCode(rawValue: -1)
    /// The plugin is unknown or not installed.
    public static let pluginUnknown = ResultCode(rawValue: -10)
    /// The plugin is installed but disabled.
    public static let pluginDisabled = ResultCode(rawValue: -11)
    /// Storage write failed.
    public static let storageFailed = ResultCode(rawValue: -100)
    /// Conflict with existing data (duplicate, concurrent change).
    public static let conflict = ResultCode(rawValue: -101)
    /// Login required: no, invalid, expired or revoked token.
    public static let loginRequired = ResultCode(rawValue: -400)
    /// A merchant caller's API key or Bearer secret is unknown, revoked or expired.
    public static let invalidAPIKey = ResultCode(rawValue: -401)
    /// Too many requests.
    public static let tooManyRequests = ResultCode(rawValue: -429)
    /// Too many failed logins for this account or address: wait `data.retry_after` seconds.
    public static let loginThrottled = ResultCode(rawValue: -430)
    /// The caller is known but may not do this.
    public static let noPermission = ResultCode(rawValue: -1000)
    /// A routing or common parameter is missing or malformed.
    public static let badParameter = ResultCode(rawValue: -5000)
    /// An upstream (remote plugin, payment gateway) failed.
    public static let upstreamFailed = ResultCode(rawValue: -9999)
}
