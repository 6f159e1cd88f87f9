import FuzzCheck
@testable import PluginSDK
@testable import Server

/// The query-string and url-encoded form decoder (`QueryString.parse`, and `BodyParser` for form
/// bodies), fed any bytes or pairs the harness percent-encodes itself.
///
/// Properties: the parameters are exactly what a plain reading of the pairs gives - every name
/// one the text holds (less a trailing `[]`), every value one of its values, the last value
/// winning and `name[]` collecting in order - and a refusal (-5000) happens exactly when a pair
/// holds a bad escape or invalid UTF-8, or more than 256 names appear. Encoded pairs come back as
/// they were. A form body reads the same as the query string, with or without its content type.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForm(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let text: [UInt8]
    var given: [(key: String, value: String)]?
    if input.bool() {
        let pairs = (0..<input.int(in: 0...40)).map { _ in (key: input.string(upTo: 24), value: input.string(upTo: 48)) }
        text = encode(pairs, style: &input)
        given = pairs
    } else {
        text = input.rest()
    }

    let query = String(decoding: text, as: UTF8.self)
    let expected = readPlainly(Array(query.utf8))
    let parsed = outcome { () throws(KernelError) in try QueryString.parse(query[...], maxKeys: maxKeys) }
    require(parsed == expected, "the query string reads as its pairs: \(parsed) vs \(expected)")
    if let given {
        require(parsed == model(given), "encoded pairs come back as they were")
    }

    let body = outcome { () throws(KernelError) in
        try BodyParser.parse(text, contentType: "application/x-www-form-urlencoded; charset=utf-8", maxKeys: maxKeys)
    }
    require(body == (String(validating: text, as: UTF8.self) == nil ? .refused("malformed request body") : parsed), "a form body reads as the query")
    if text.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) != UInt8(ascii: "{") {
        let untyped = outcome { () throws(KernelError) in try BodyParser.parse(text, contentType: nil, maxKeys: maxKeys) }
        require(untyped == body, "a body without a content type that is not JSON reads as a form")
    }
    return 0
}

private let maxKeys = 256

/// What a decoder answered: the parameters as ordered pairs, or the English refusal.
private enum Outcome: Equatable {
    case read([Pair])
    case refused(String)
}

private struct Pair: Equatable {
    let name: String
    let value: JSON
}

private func outcome(_ parse: () throws(KernelError) -> Params) -> Outcome {
    do {
        let params = try parse()
        return .read(params.values.map { Pair(name: $0.key, value: $0.value) })
    } catch {
        require(error.code == .badParameter, "refusals answer -5000")
        return .refused(error.message.en)
    }
}

/// The pairs read byte by byte: split at `&`, then at the first `=`; `%XX` and `+` decoded.
private func readPlainly(_ text: [UInt8]) -> Outcome {
    var pairs: [(key: String, value: String)] = []
    for piece in text.split(separator: UInt8(ascii: "&")) {
        let key = piece.prefix { $0 != UInt8(ascii: "=") }
        guard !key.isEmpty else { continue }
        let value = piece.dropFirst(key.count + 1)
        guard let decodedKey = percentDecoded(key), let decodedValue = percentDecoded(value) else {
            return model(pairs, thenRefuse: "malformed request body")
        }
        pairs.append((decodedKey, decodedValue))
    }
    return model(pairs)
}

private func percentDecoded(_ raw: ArraySlice<UInt8>) -> String? {
    var out: [UInt8] = []
    var rest = raw[...]
    while let byte = rest.popFirst() {
        if byte == UInt8(ascii: "%") {
            guard rest.count >= 2, rest.prefix(2).allSatisfy(isHexDigit),
                let value = UInt8(String(decoding: rest.prefix(2), as: UTF8.self), radix: 16)
            else { return nil }
            out.append(value)
            rest = rest.dropFirst(2)
        } else {
            out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
        }
    }
    return String(validating: out, as: UTF8.self)
}

private func isHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
}

/// The parameters decoded pairs make: the last value wins, `name[]` collects in order, a name
/// keeps the place of its first appearance; more than 256 names, or `refusal`, refuse.
private func model(_ pairs: [(key: String, value: String)], thenRefuse refusal: String? = nil) -> Outcome {
    var names: [String] = []
    var values: [String: JSON] = [:]
    for (key, value) in pairs where !key.isEmpty {
        let isList = key.utf8.count > 2 && key.utf8.suffix(2).elementsEqual("[]".utf8)
        let name = isList ? String(key.utf8.dropLast(2))! : key
        if values[name] == nil {
            guard names.count < maxKeys else { return .refused("too many parameters") }
            names.append(name)
        }
        if isList, case .array(let list)? = values[name] {
            values[name] = .array(list + [.string(value)])
        } else {
            values[name] = isList ? [.string(value)] : .string(value)
        }
    }
    if let refusal { return .refused(refusal) }
    return .read(names.map { Pair(name: $0, value: values[$0]!) })
}

/// `key=value&...` with every byte that must be escaped escaped; the input chooses how the rest
/// is written (`+` or `%20` for spaces, escaped or raw letters and UTF-8, hex case).
private func encode(_ pairs: [(key: String, value: String)], style input: inout FuzzInput) -> [UInt8] {
    let hex = Array("0123456789ABCDEF0123456789abcdef".utf8)
    func escape(_ text: String, into out: inout [UInt8]) {
        let choice = input.byte()
        for byte in text.utf8 {
            let mustEscape = [UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "%"), UInt8(ascii: "#")].contains(byte)
            if byte == UInt8(ascii: " "), choice & 1 == 0 {
                out.append(UInt8(ascii: "+"))
            } else if mustEscape || byte == UInt8(ascii: " ") || choice & 2 == 0 || (byte >= 0x80 && choice & 4 == 0) {
                let base = choice & 8 == 0 ? 0 : 16
                out += [UInt8(ascii: "%"), hex[base + Int(byte >> 4)], hex[base + Int(byte & 0x0F)]]
            } else {
                out.append(byte)
            }
        }
    }
    var out: [UInt8] = []
    for (index, pair) in pairs.enumerated() {
        if index > 0 { out.append(UInt8(ascii: "&")) }
        escape(pair.key, into: &out)
        out.append(UInt8(ascii: "="))
        escape(pair.value, into: &out)
    }
    return out
}
