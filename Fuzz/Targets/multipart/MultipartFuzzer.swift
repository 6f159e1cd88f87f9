import Foundation
import FuzzCheck
@testable import PluginSDK
@testable import Server

/// The multipart/form-data splitter (`MultipartForm.parse`) and the part-header parameters
/// `BodyParser` reads (`boundary`, `name`, `filename`), fed any body and boundary, or forms the
/// harness writes the way browsers do.
///
/// Properties: every part lies inside the body, after the previous one, right before a
/// delimiter and holding none; header names are lower-cased visible ASCII; at most 1,000 parts.
/// A written form comes back as it was: every field under its name, text as text, files as
/// `{filename, content_type, size, base64}`, `name[]` collected in order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    if input.bool() {
        let boundary = input.string(upTo: 80)
        let body = input.rest()
        checkSplit(body, boundary: boundary)
        _ = try? BodyParser.parse(body, contentType: "multipart/form-data; boundary=\(boundary)", maxKeys: 256)
    } else {
        checkRoundTrip(&input)
    }
    return 0
}

private func checkSplit(_ body: [UInt8], boundary: String) {
    guard let parts = try? MultipartForm.parse(body, boundary: boundary) else { return }
    let separator = Array("\r\n--\(boundary)".utf8)
    require(parts.count <= 1_000, "at most 1,000 parts")
    var previousEnd = 0
    for part in parts {
        let range = part.body.startIndex..<part.body.endIndex
        require(range.lowerBound >= previousEnd && range.upperBound <= body.count, "a part lies inside the body, after the one before")
        require(body[range.upperBound...].starts(with: separator), "a part ends right before a delimiter")
        require(part.body.firstRange(of: separator) == nil, "a part holds no delimiter")
        for name in part.headers.keys {
            require(name.utf8.allSatisfy { (33...126).contains($0) && !(65...90).contains($0) }, "header names are lower-cased visible ASCII")
        }
        previousEnd = range.upperBound
    }
}

/// One field as a browser sends it.
private struct Field {
    let name: String
    let fileName: String?
    let contentType: String?
    let content: [UInt8]
}

private func checkRoundTrip(_ input: inout FuzzInput) {
    let boundaryCharacters = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
    var boundary = (0..<input.int(in: 1...70)).map { _ in boundaryCharacters[input.int(in: 0...boundaryCharacters.count - 1)] }
    if boundary.last == UInt8(ascii: " ") { boundary[boundary.count - 1] = UInt8(ascii: "x") }
    let boundaryText = String(decoding: boundary, as: UTF8.self)
    let fields: [Field] = (0..<input.int(in: 0...12)).map { _ in
        let isFile = input.bool()
        let name = headerSafe(input.string(upTo: 30))
        let fileName = isFile ? headerSafe(input.string(upTo: 30)) : nil
        let contentType = isFile && input.bool() ? ["image/png", "application/pdf", "text/plain; charset=utf-8"][input.int(in: 0...2)] : nil
        let content = isFile ? input.bytes(upTo: 64) : Array(input.string(upTo: 64).utf8)
        return Field(name: name, fileName: fileName, contentType: contentType, content: content)
    }
    let style = input.byte()

    var body: [UInt8] = []
    for field in fields {
        body += Array("--\(boundaryText)\r\n".utf8)
        var disposition = (style & 1 == 0 ? "Content-Disposition" : "content-disposition") + ": form-data; name=\"\(field.name)\""
        if let fileName = field.fileName { disposition += (style & 2 == 0 ? "; " : ";") + "filename=\"\(fileName)\"" }
        body += Array("\(disposition)\r\n".utf8)
        if let contentType = field.contentType { body += Array("Content-Type: \(contentType)\r\n".utf8) }
        body += Array("\r\n".utf8) + field.content + Array("\r\n".utf8)
    }
    body += Array("--\(boundaryText)--\r\n".utf8)
    guard !fields.isEmpty, !fields.contains(where: { $0.content.firstRange(of: Array("--\(boundaryText)".utf8)) != nil }) else { return }

    checkSplit(body, boundary: boundaryText)
    let quoted = style & 4 != 0 || boundary.contains { Array("'()+,/:=? ".utf8).contains($0) }
    let contentType = "multipart/form-data; boundary=" + (quoted ? "\"\(boundaryText)\"" : boundaryText)
    let params: Params
    do {
        params = try BodyParser.parse(body, contentType: contentType, maxKeys: 256)
    } catch {
        require(false, "a form written as browsers write it is read (\(error.message.en)): \(contentType)\n\(String(decoding: body, as: UTF8.self).debugDescription)")
        return
    }
    require(params == expected(fields), "a written form comes back as it was: \(params.values.orderedKeys)")
}

/// Browsers send `"`, CR and LF in names and file names as `%22`, `%0D` and `%0A`.
private func headerSafe(_ text: String) -> String {
    let escapes: [UInt8: String] = [UInt8(ascii: "\""): "%22", 13: "%0D", 10: "%0A"]
    return String(decoding: text.utf8.flatMap { escapes[$0].map { Array($0.utf8) } ?? [$0] }, as: UTF8.self)
}

private func expected(_ fields: [Field]) -> Params {
    var params = Params()
    for field in fields {
        let value: JSON
        if let fileName = field.fileName {
            value = [
                "filename": .string(fileName), "content_type": .string(field.contentType ?? "application/octet-stream"),
                "size": .int(Int64(field.content.count)), "base64": .string(Data(field.content).base64EncodedString()),
            ]
        } else {
            value = .string(String(decoding: field.content, as: UTF8.self))
        }
        let utf8 = field.name.utf8
        if utf8.count > 2, utf8.suffix(2).elementsEqual("[]".utf8) {
            let name = String(decoding: utf8.dropLast(2), as: UTF8.self)
            params[name] = .array((params[name]?.arrayValue ?? []) + [value])
        } else {
            params[field.name] = value
        }
    }
    return params
}
