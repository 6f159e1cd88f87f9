/// An error that answers the client with an envelope: a code, a localized message, and
/// optionally data and an HTTP status other than 200 (transport failures only).
/// Plugins throw it (or build their own with `KernelError(code:message:)`); the dispatcher maps
/// it in one place.
public struct KernelError: Error, Sendable {
    public let code: ResultCode
    public let message: LocalizedText
    public let data: JSON
    public let httpStatus: Int

    public init(code: ResultCode, message: LocalizedText, data: JSON = "", httpStatus: Int = 200) {
        self.code = code
        self.message = message
        self.data = data
        self.httpStatus = httpStatus
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
