import Foundation
import PluginSDK

/// Turns a request body into parameters by its content type: JSON objects, url-encoded forms and
/// multipart forms. A body without a content type is read as JSON when it looks like JSON (the
/// ShopXO app sometimes omits the header), else as a form.
enum BodyParser {
    /// A form refuses more than `maxKeys` distinct names as soon as it sees them (see `QueryString`).
    static func parse(_ body: [UInt8], contentType: String?, maxKeys: Int) throws(KernelError) -> Params {
        guard !body.isEmpty else { return Params() }
        let mediaType = contentType.map(Self.mediaType) ?? ""
        switch mediaType {
        case "application/json", "text/json", "text/plain":
            return try json(body)
        case "application/x-www-form-urlencoded":
            return try form(body, maxKeys: maxKeys)
        case "multipart/form-data":
            return try multipart(body, contentType: contentType ?? "")
        case "":
            return body.first(where: { !Self.isSpace($0) }) == UInt8(ascii: "{") ? try json(body) : try form(body, maxKeys: maxKeys)
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

    private static func form(_ body: [UInt8], maxKeys: Int) throws(KernelError) -> Params {
        guard let text = String(validating: body, as: UTF8.self) else {
            throw KernelError(code: .badParameter, message: KernelMessages.malformedBody)
        }
        return try QueryString.parse(text[...], maxKeys: maxKeys)
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
            if name.utf8.count > 2, name.utf8.suffix(2).elementsEqual("[]".utf8) {
                let key = String(decoding: name.utf8.dropLast(2), as: UTF8.self)
                params[key] = .array((params[key]?.arrayValue ?? []) + [value])
            } else {
                params[name] = value
            }
        }
        return params
    }

    /// `application/json; charset=utf-8` -> `application/json`.
    /// Byte by byte: Foundation's trimming cost a twentieth of a small request's time.
    static func mediaType(_ contentType: String) -> String {
        let bytes = contentType.utf8
        let end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
        let type = bytes[..<end].trimmingSpaces
        if !type.contains(where: { (65...90).contains($0) }) { return String(decoding: type, as: UTF8.self) }
        return String(decoding: type.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// The value of `name=` in a header such as `multipart/form-data; boundary=x` or
    /// `form-data; name="a;b"; filename="c.pdf"` (RFC 7578, 4.2). Parameters are split at `;`
    /// outside double quotes and their names match in any case; a quoted value is what lies
    /// between its quotes, as it is (browsers send `"` as `%22` and escape nothing else). Nil
    /// when the parameter is absent or its quote is never closed.
    static func parameter(_ name: String, in header: String) -> String? {
        let quote = UInt8(ascii: "\""), semicolon = UInt8(ascii: ";")
        guard let first = header.utf8.firstIndex(of: semicolon) else { return nil }
        var rest = header.utf8[header.utf8.index(after: first)...]
        while !rest.isEmpty {
            let nameEnd = rest.firstIndex { $0 == UInt8(ascii: "=") || $0 == semicolon } ?? rest.endIndex
            let key = String(decoding: rest[..<nameEnd].trimmingSpaces, as: UTF8.self).lowercased()
            rest = rest[nameEnd...]
            var value: Substring.UTF8View?
            if rest.first == UInt8(ascii: "=") {
                rest = rest.dropFirst().drop(while: isSpace)
                if rest.first == quote {
                    let quoted = rest.dropFirst()
                    guard let close = quoted.firstIndex(of: quote) else { return nil }
                    value = quoted[..<close]
                    rest = quoted[close...].drop { $0 != semicolon }
                } else {
                    let end = rest.firstIndex(of: semicolon) ?? rest.endIndex
                    value = rest[..<end].trimmingSpaces
                    rest = rest[end...]
                }
            }
            if key == name, let value { return String(decoding: value, as: UTF8.self) }
            rest = rest.dropFirst()
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

extension Substring.UTF8View {
    /// Without the spaces and tabs at either end.
    fileprivate var trimmingSpaces: Substring.UTF8View {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let start = firstIndex { !isBlank($0) } ?? endIndex
        let end = self[start...].lastIndex { !isBlank($0) }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
