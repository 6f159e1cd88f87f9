/// An error that answers the client with an envelope: a code, a localized message, and
/// optionally data. Plugins throw it (or build their own with `KernelError(code:message:)`); the
/// kernel maps every error to its envelope in one place (`ErrorMapping`).
public struct KernelError: Error, Sendable {
    public let code: ResultCode
    public let message: LocalizedText
    public let data: JSON
    /// Set when the error is a failure of the request's transport (too large, too slow, wrong
    /// method); the server adapter answers it with the matching HTTP status.
    public let problem: TransportProblem?

    public init(code: ResultCode, message: LocalizedText, data: JSON = "", problem: TransportProblem? = nil) {
        self.code = code
        self.message = message
        self.data = data
        self.problem = problem
    }

    /// A validation failure (-1) with the given message.
    public static func invalid(_ message: LocalizedText) -> KernelError {
        KernelError(code: .failure, message: message)
    }

    /// A malformed or missing parameter (-5000) naming the parameter.
    public static func badParameter(_ name: String, _ reason: KernelMessages.ParameterProblem) -> KernelError {
        KernelError(code: .badParameter, message: KernelMessages.parameter(name, reason))
    }

    /// No such row, or one the caller may not see: both answer the same (-1, "not found").
    public static let notFound = KernelError(code: .failure, message: KernelMessages.notFound)

    /// The caller lacks a permission (-1000).
    public static let noPermission = KernelError(code: .noPermission, message: KernelMessages.noPermission)
}

/// What went wrong with a request before or around its action, as the HTTP adapter needs to know
/// to pick a status: envelopes of these answer 4xx/5xx, every other envelope 200.
public enum TransportProblem: Sendable, Equatable {
    /// GET on an action that only takes POST, or a method no path takes (405).
    case methodNotAllowed
    /// No such path (404).
    case unknownPath
    /// The body is larger than `max_body_bytes` (413).
    case bodyTooLarge
    /// The body did not arrive within `body_timeout_seconds` (408).
    case bodyTimeout
    /// The request head is larger than allowed (431).
    case headerTooLarge
    /// The request could not be read (400).
    case malformedRequest
    /// The server cannot serve now (503).
    case unavailable
}
