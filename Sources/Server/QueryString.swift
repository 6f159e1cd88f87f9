import PluginSDK

/// Parsing `a=1&b=2&ids[]=3` (query strings and url-encoded form bodies) into parameters.
/// `name[]` collects repeated values into an array; otherwise the last value wins. Pairs are split
/// at the bytes `&` and `=`, as every other server splits them, whatever characters surround them.
enum QueryString {
    /// Throws -5000 on a malformed escape or invalid UTF-8, and "too many parameters" as soon as
    /// more than `maxKeys` distinct names appear: a hostile body of many thousands of pairs costs
    /// one pass, not one pass per pair.
    static func parse(_ text: Substring, maxKeys: Int) throws(KernelError) -> Params {
        var pairs: [(String, JSON)] = []
        var positions: [String: Int] = [:]
        for pair in text.utf8.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let rawKey = pair[..<(equals ?? pair.endIndex)]
            guard !rawKey.isEmpty else { continue }
            let key = try decode(rawKey)
            var value = ""
            if let equals { value = try decode(pair[pair.index(after: equals)...]) }
            let isList = key.utf8.count > 2 && key.utf8.suffix(2).elementsEqual("[]".utf8)
            let name = isList ? String(decoding: key.utf8.dropLast(2), as: UTF8.self) : key
            guard let position = positions[name] else {
                guard positions.count < maxKeys else { throw KernelError(code: .badParameter, message: KernelMessages.tooManyParameters) }
                positions[name] = pairs.count
                pairs.append((name, isList ? [.string(value)] : .string(value)))
                continue
            }
            if isList, case .array(var list) = pairs[position].1 {
                pairs[position].1 = .null
                list.append(.string(value))
                pairs[position].1 = .array(list)
            } else {
                pairs[position].1 = isList ? [.string(value)] : .string(value)
            }
        }
        return Params(JSONObject(pairs))
    }

    /// Percent-decoding with `+` as space; invalid escapes or UTF-8 are refused.
    static func decode(_ text: Substring.UTF8View) throws(KernelError) -> String {
        if !text.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) {
            guard let string = String(validating: text, as: UTF8.self) else { throw malformed }
            return string
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var iterator = text.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { throw malformed }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else { throw malformed }
        return string
    }

    private static var malformed: KernelError { KernelError(code: .badParameter, message: KernelMessages.malformedBody) }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
