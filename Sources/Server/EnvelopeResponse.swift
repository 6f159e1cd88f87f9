import HTTPTypes
import Hummingbird
import Kernel
import NIOCore

extension Response {
    /// A response carrying an envelope with the given HTTP status.
    static func envelope(_ envelope: Envelope, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: KernelResponse.jsonContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: envelope.serialized())))
    }

    /// A kernel error as a response, in the request's language.
    static func envelope(_ error: KernelError, language: Language) -> Response {
        envelope(
            Envelope(msg: error.message(language), code: error.code, data: error.data),
            status: HTTPResponse.Status(code: error.httpStatus))
    }

    /// The kernel's answer as an HTTP response.
    init(_ answer: KernelResponse) {
        var headers: HTTPFields = [.contentType: answer.contentType]
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        self.init(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

extension Request {
    /// The language named by the query's `lang`, for errors raised before the kernel runs.
    var queryLanguage: Language {
        uri.queryParameters["lang"].flatMap { Language(parameter: String($0)) } ?? .en
    }
}
