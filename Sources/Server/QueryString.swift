import Kernel
import PluginSDK

/// Parsing `a=1&b=2&ids[]=3` (query strings and url-encoded form bodies) into parameters.
/// `name[]` collects repeated values into an array; otherwise the last value wins.
enum QueryString {
    static func parse(_ text: Substring) throws(KernelError) -> Params {
        var params = Params()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawKey = parts.first, !rawKey.isEmpty else { continue }
            let key = try decode(rawKey)
            let value = try parts.count > 1 ? decode(parts[1]) : ""
            if key.hasSuffix("[]") {
                let name = String(key.dropLast(2))
                var list = params[name]?.arrayValue ?? []
                list.append(.string(value))
                params[name] = .array(list)
            } else {
                params[key] = .string(value)
            }
        }
        return params
    }

    /// Percent-decoding with `+` as space; invalid escapes or UTF-8 are refused.
    static func decode(_ text: Substring) throws(KernelError) -> String {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw KernelError(code: .badParameter, message: KernelMessages.malformedBody)
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw KernelError(code: .badParameter, message: KernelMessages.malformedBody)
        }
        return string
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
