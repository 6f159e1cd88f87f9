import Logging
import PluginSDK
import Storage

/// The one place where an error becomes an answer: kernel errors as they are, storage errors as
/// "conflict" or "could not save" (the detail goes to the log, never to the client), anything
/// else as "internal error" with the request id. The HTTP adapter's own refusals (a body too
/// large, an unknown path) come through here too, so every answer is an envelope in the
/// request's language.
public enum ErrorMapping {
    /// The kernel error `error` answers as; unexpected ones are logged with the request id.
    public static func kernelError(for error: any Error, requestID: String, logger: Logger) -> KernelError {
        switch error {
        case let error as KernelError:
            return error
        case let error as StorageError:
            logger.error("storage failure", metadata: ["request_id": "\(requestID)", "error": "\(error)"])
            switch error.kind {
            case .constraint:
                return KernelError(code: .conflict, message: KernelMessages.conflict)
            case .busy, .io:
                return KernelError(code: .storageFailed, message: KernelMessages.storageFailed, data: ["request_id": .string(requestID)])
            case .denied, .decoding, .schema, .misuse, .other:
                return KernelError(code: .failure, message: KernelMessages.internalError, data: ["request_id": .string(requestID)])
            }
        default:
            logger.error("action failed", metadata: ["request_id": "\(requestID)", "error": "\(error)"])
            return KernelError(code: .failure, message: KernelMessages.internalError, data: ["request_id": .string(requestID)])
        }
    }

    /// The answer to `error` in `language`.
    public static func response(for error: any Error, language: Language, requestID: String, logger: Logger) -> KernelResponse {
        let mapped = kernelError(for: error, requestID: requestID, logger: logger)
        return .envelope(Envelope(msg: mapped.message(language), code: mapped.code, data: mapped.data), problem: mapped.problem)
    }
}
