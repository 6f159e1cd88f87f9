import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore
import PluginSDK

/// The kernel's answers as HTTP: the only place that knows statuses and headers. An envelope is
/// `200` unless it answers a transport problem; a file carries its type and a
/// `Content-Disposition` with a header-safe name.
extension Response {
    /// The JSON content type every envelope is sent with.
    static let jsonContentType = "application/json; charset=utf-8"

    /// The kernel's answer as an HTTP response.
    init(_ answer: KernelResponse) {
        switch answer.body {
        case .envelope(let envelope):
            var headers: HTTPFields = [.contentType: Self.jsonContentType]
            let status = Self.status(for: answer.problem)
            if status.code >= 400 && status != .notFound { headers[.connection] = "close" }
            self.init(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: envelope.serialized())))
        case .file(let file):
            let disposition = (file.download ? "attachment" : "inline") + "; filename=\"\(Self.safeFileName(file.fileName))\""
            self.init(
                status: .ok, headers: [.contentType: file.contentType, .contentDisposition: disposition],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
    }

    /// The status of an envelope answering `problem` (200 when there is none).
    static func status(for problem: TransportProblem?) -> HTTPResponse.Status {
        switch problem {
        case nil: .ok
        case .methodNotAllowed: .methodNotAllowed
        case .unknownPath: .notFound
        case .bodyTooLarge: .contentTooLarge
        case .bodyTimeout: .requestTimeout
        case .headerTooLarge: .requestHeaderFieldsTooLarge
        case .malformedRequest: .badRequest
        case .unavailable: .serviceUnavailable
        }
    }

    /// A file name safe for a header: ASCII letters, digits, `.`, `-`, `_` only.
    static func safeFileName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-_".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
        return cleaned.isEmpty ? "file" : String(cleaned.prefix(100))
    }
}

extension HTTPError {
    /// The transport problem a Hummingbird error stands for.
    var problem: TransportProblem {
        switch status {
        case .contentTooLarge: .bodyTooLarge
        case .methodNotAllowed: .methodNotAllowed
        case .notFound: .unknownPath
        case .requestTimeout: .bodyTimeout
        case .requestHeaderFieldsTooLarge: .headerTooLarge
        default: .malformedRequest
        }
    }

    /// The envelope error a Hummingbird error answers as.
    var kernelError: KernelError {
        let message: LocalizedText
        switch problem {
        case .bodyTooLarge: message = KernelMessages.bodyTooLarge
        case .methodNotAllowed: message = KernelMessages.methodNotAllowed
        case .unknownPath: message = KernelMessages.unknownPath
        case .bodyTimeout: message = KernelMessages.bodyTimeout
        case .headerTooLarge: message = KernelMessages.headerTooLarge
        default: message = KernelMessages.malformedBody
        }
        return KernelError(code: problem == .unknownPath ? .failure : .badParameter, message: message, problem: problem)
    }
}

extension Request {
    /// The language of answers to this request before the kernel parsed it: the query's `lang`,
    /// else the server's `default_lang`.
    func language(_ kernel: Kernel) -> Language {
        uri.queryParameters["lang"].flatMap { Language(parameter: String($0)) } ?? kernel.access.defaultLanguage
    }
}
