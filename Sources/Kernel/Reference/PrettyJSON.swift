import PluginSDK

/// JSON written for people: two-space indents, one member a line, short arrays and objects of
/// scalars kept on one line. Used by the generated reference and the Postman collection.
public enum PrettyJSON {
    /// `json` as indented text.
    public static func text(_ json: JSON, indent: String = "") -> String {
        switch json {
        case .array(let values):
            if values.isEmpty { return "[]" }
            let line = "[" + values.map(\.text).joined(separator: ", ") + "]"
            if values.allSatisfy(isScalar), line.count <= 80 { return line }
            let inner = indent + "  "
            return "[\n" + values.map { inner + text($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let object):
            if object.isEmpty { return "{}" }
            let inner = indent + "  "
            let members = object.map { inner + JSON.string($0.key).text + ": " + text($0.value, indent: inner) }
            return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        default:
            return json.text
        }
    }

    private static func isScalar(_ json: JSON) -> Bool {
        switch json {
        case .array, .object: false
        default: true
        }
    }
}
