import Foundation
import PluginSDK

/// PayPing's body arrives as JSON or as a form. A form spells nesting in its keys
/// (`products[0][code]=A`, `schedule[interval]=1`, `customers[0][code]=C1`) and may carry a
/// nested value as JSON text (`products=[...]`). This rebuilds the JSON shape from either.
///
/// Keys are read byte by byte, as a form's bytes were split. A part is an array position only
/// when it is the decimal of 0 to 999 (`01` and `+1` are names); top-level names are always
/// names. A key may nest at most 64 levels, as JSON bodies may, and padding sparse positions
/// may not take the body past 20,000 values, as a request's own values may not.
enum FormShape {
    /// Deepest nesting a key may spell.
    static let maxDepth = 64
    /// Most values the rebuilt body may hold.
    static let maxValues = 20_000

    static func normalized(_ params: Params) throws(KernelError) -> JSONObject {
        var result = JSONObject()
        var budget = maxValues
        for (key, value) in params.values {
            let path = components(key)
            guard path.count <= maxDepth else { throw KernelError.badParameter(path[0], .malformed) }
            let name = path[0]
            result[name] = try insert(value, at: path.dropFirst(), into: result[name] ?? .null, budget: &budget)
        }
        for (key, value) in result {
            if case .string(let text) = value, let first = text.first, first == "[" || first == "{",
                let parsed = try? JSON.parse(Array(text.utf8))
            {
                result[key] = parsed
            }
        }
        return result
    }

    /// `a[b][0]` -> ["a", "b", "0"]; a key without `[`, or not ending in `]`, is one part.
    static func components(_ key: String) -> [String] {
        let bytes = key.utf8
        guard let open = bytes.firstIndex(of: UInt8(ascii: "[")), bytes.last == UInt8(ascii: "]") else { return [key] }
        var parts = [String(decoding: bytes[..<open], as: UTF8.self)]
        var rest = bytes[bytes.index(after: open)..<bytes.index(before: bytes.endIndex)]
        while let range = rest.firstRange(of: "][".utf8) {
            parts.append(String(decoding: rest[..<range.lowerBound], as: UTF8.self))
            rest = rest[range.upperBound...]
        }
        parts.append(String(decoding: rest, as: UTF8.self))
        return parts
    }

    /// The array position a part names: the decimal of 0 to 999, written as `String(position)` would.
    private static func position(_ part: String) -> Int? {
        guard let index = Int(part), (0..<1_000).contains(index), String(index) == part else { return nil }
        return index
    }

    /// `value` placed at `path` inside `container`, which each new level and padding element pays
    /// for out of `budget`.
    private static func insert(_ value: JSON, at path: ArraySlice<String>, into container: JSON, budget: inout Int) throws(KernelError) -> JSON {
        guard let key = path.first else { return value }
        let rest = path.dropFirst()
        if let index = position(key) {
            var array = container.arrayValue ?? []
            budget -= max(0, index + 1 - array.count)
            guard budget >= 0 else { throw KernelError(code: .badParameter, message: KernelMessages.tooManyParameters) }
            while array.count <= index { array.append(.null) }
            array[index] = try insert(value, at: rest, into: array[index], budget: &budget)
            return .array(array)
        }
        budget -= 1
        guard budget >= 0 else { throw KernelError(code: .badParameter, message: KernelMessages.tooManyParameters) }
        var object = container.objectValue ?? JSONObject()
        object[key] = try insert(value, at: rest, into: object[key] ?? .null, budget: &budget)
        return .object(object)
    }
}
