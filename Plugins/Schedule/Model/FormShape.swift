import Foundation
import PluginSDK

/// PayPing's body arrives as JSON or as a form. A form spells nesting in its keys
/// (`products[0][code]=A`, `schedule[interval]=1`, `customers[0][code]=C1`) and may carry a
/// nested value as JSON text (`products=[...]`). This rebuilds the JSON shape from either.
enum FormShape {
    static func normalized(_ params: Params) -> JSONObject {
        var result = JSONObject()
        for (key, value) in params.values {
            let path = components(key)
            result = insert(value, at: path[...], into: .object(result)).objectValue ?? result
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

    /// `a[b][0]` -> ["a", "b", "0"].
    static func components(_ key: String) -> [String] {
        guard let open = key.firstIndex(of: "["), key.hasSuffix("]") else { return [key] }
        var parts = [String(key[..<open])]
        let rest = key[open...].dropFirst().dropLast()
        parts += rest.components(separatedBy: "][")
        return parts
    }

    private static func insert(_ value: JSON, at path: ArraySlice<String>, into container: JSON) -> JSON {
        guard let key = path.first else { return value }
        let rest = path.dropFirst()
        if let index = Int(key), index >= 0, index < 1_000 {
            var array = container.arrayValue ?? []
            while array.count <= index { array.append(.null) }
            array[index] = insert(value, at: rest, into: array[index])
            return .array(array)
        }
        var object = container.objectValue ?? JSONObject()
        object[key] = insert(value, at: rest, into: object[key] ?? .null)
        return .object(object)
    }
}
