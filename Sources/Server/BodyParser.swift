import Foundation
import Kernel
import PluginSDK

/// Turns a request body into parameters by its content type: JSON objects, url-encoded forms and
/// multipart forms. A body without a content type is read as JSON when it looks like JSON (the
/// ShopXO app sometimes omits the header), else as a form.
enum BodyParser {
    static func parse(_ body: [UInt8], contentType: String?) throws(KernelError) -> Params {
        guard !body.isEmpty else { return Params() }
        let mediaType = contentType.map(Self.mediaType) ?? ""
        switch mediaType {
        case "application/json", "text/json", "text/plain":
            return try json(body)
        case "application/x-www-form-urlencoded":
            return try form(body)
        case "multipart/form-data":
            return try multipart(body, contentType: contentType ?? "")
        case "":
            return body.first(where: { !Self.isSpace($0) }) == UInt8(ascii: "{") ? try json(body) : try form(body)
        default:
            if mediaType.hasSuffix("+json") { return try json(body) }
            throw KernelError(code: .badParameter, message: KernelMessages.unsupportedContentType)
        }
    }

    private static func json(_ body: [UInt8]) throws(KernelError) -> Params {
        guard body.contains(where: { !isSpace($0) }) else { return Params() }
        let value: JSON
        do {
            value = try JSON.parse(body)
        } catch {
            throw KernelError(code: .badParameter, message: KernelMessages.malformedBody)
        }
        guard case .object(let object) = value else {
            throw KernelError(code: .badParameter, message: KernelMessages.malformedBody)
        }
        return Params(object)
    }

    private static func form(_ body: [UInt8]) throws(KernelError) -> Params {
        guard let text = String(validating: body, as: UTF8.self) else {
            throw KernelError(code: .badParameter, message: KernelMessages.malformedBody)
        }
        return try QueryString.parse(text[...])
    }

    /// Text parts become strings; file parts become `{filename, content_type, size, base64}`.
    private static func multipart(_ body: [UInt8], contentType: String) throws(KernelError) -> Params {
        let malformed = KernelError(code: .badParameter, message: KernelMessages.malformedBody)
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else { throw malformed }
        let parts: [MultipartForm.Part]
        do {
            parts = try MultipartForm.parse(body, boundary: boundary)
        } catch {
            throw malformed
        }
        var params = Params()
        for part in parts {
            let disposition = part.headers["content-disposition"] ?? ""
            guard let name = parameter("name", in: disposition) else { continue }
            let value: JSON
            if let fileName = parameter("filename", in: disposition) {
                value = [
                    "filename": .string(fileName),
                    "content_type": .string(part.headers["content-type"] ?? "application/octet-stream"),
                    "size": .int(Int64(part.body.count)),
                    "base64": .string(Data(part.body).base64EncodedString()),
                ]
            } else {
                guard let text = String(validating: part.body, as: UTF8.self) else { throw malformed }
                value = .string(text)
            }
            if name.hasSuffix("[]") {
                let key = String(name.dropLast(2))
                params[key] = .array((params[key]?.arrayValue ?? []) + [value])
            } else {
                params[name] = value
            }
        }
        return params
    }

    /// `application/json; charset=utf-8` -> `application/json`.
    static func mediaType(_ contentType: String) -> String {
        contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
    }

    /// The value of `name=` in a header like `multipart/form-data; boundary=x` (quotes removed).
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
