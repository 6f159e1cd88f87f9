import Foundation

/// A `multipart/form-data` body (RFC 7578) split into its parts. Written here because the
/// multipart-kit parser traps on a header name with a byte above 0x7F, which any client can send.
struct MultipartForm {
    /// One part: its headers by lower-cased name, and its body.
    struct Part {
        let headers: [String: String]
        let body: ArraySlice<UInt8>
    }

    /// Why a body was refused.
    struct Malformed: Error {}

    /// Splits `body` by `boundary`; throws on anything that is not well-formed.
    static func parse(_ body: [UInt8], boundary: String) throws(Malformed) -> [Part] {
        guard (1...70).contains(boundary.utf8.count) else { throw Malformed() }
        let delimiter = Array(("--" + boundary).utf8)
        let separator = [UInt8(ascii: "\r"), UInt8(ascii: "\n")] + delimiter
        guard body.starts(with: delimiter) || body.firstRange(of: separator) != nil else { throw Malformed() }
        var index: Int
        if body.starts(with: delimiter) {
            index = delimiter.count
        } else {
            guard let first = body.firstRange(of: separator) else { throw Malformed() }
            index = first.upperBound
        }
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[index...].starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { return parts }
            guard body[index...].starts(with: [UInt8(ascii: "\r"), UInt8(ascii: "\n")]) else { throw Malformed() }
            index += 2
            guard let headerEnd = body[index...].firstRange(of: [13, 10, 13, 10] as [UInt8]) else { throw Malformed() }
            let headers = try parseHeaders(body[index..<headerEnd.lowerBound])
            guard let next = body[headerEnd.upperBound...].firstRange(of: separator) else { throw Malformed() }
            parts.append(Part(headers: headers, body: body[headerEnd.upperBound..<next.lowerBound]))
            guard parts.count <= 1_000 else { throw Malformed() }
            index = next.upperBound
        }
    }

    /// `Name: value` lines; names must be visible ASCII, values valid UTF-8.
    private static func parseHeaders(_ block: ArraySlice<UInt8>) throws(Malformed) -> [String: String] {
        var headers: [String: String] = [:]
        for line in block.split(separator: 10, omittingEmptySubsequences: true) {
            var line = line[...]
            if line.last == 13 { line = line.dropLast() }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { throw Malformed() }
            let name = line[..<colon]
            guard name.allSatisfy({ (33...126).contains($0) }),
                let value = String(validating: line[line.index(after: colon)...], as: UTF8.self)
            else { throw Malformed() }
            headers[String(decoding: name, as: UTF8.self).lowercased()] = value.trimmingCharacters(in: .whitespaces)
        }
        return headers
    }
}
