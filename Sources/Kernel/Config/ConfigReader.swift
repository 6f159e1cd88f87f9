import Foundation
import PluginSDK

/// Reads configuration files strictly: the file must be a JSON object, every key must be in the
/// configuration's table (or be a `//` comment), and every value must fit its key. The first problem stops the read
/// with a message naming the file and the key.
public enum ConfigReader {
    /// Keys starting with this are comments (JSON has none): a file may explain a key in
    /// `"//port": "..."` beside it.
    public static let commentPrefix = "//"

    /// Stores the members of `json` into `root` through `keys`.
    public static func apply<Root>(_ json: JSON, to root: inout Root, keys: [ConfigKey<Root>], prefix: String = "") throws(ConfigProblem) {
        guard case .object(let object) = json else {
            throw prefix.isEmpty
                ? ConfigProblem("must be a JSON object")
                : ConfigProblem("\"\(prefix.dropLast())\" must be an object; got \(json.text)")
        }
        for name in object.orderedKeys where !name.hasPrefix(commentPrefix) {
            guard let key = keys.first(where: { $0.name == name }) else {
                throw .unknownKey(prefix + name, known: keys.map(\.name))
            }
            try key.read(&root, object[name] ?? .null, prefix + name)
        }
    }

    /// The JSON in the file at `path`; a file that is not JSON is refused, naming it.
    public static func parse(path: String) throws(ConfigurationError) -> JSON {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, problem: "cannot be read")
        }
        do {
            return try JSON.parse(Array(data))
        } catch {
            throw ConfigurationError(file: path, problem: "is not valid JSON (\(error))")
        }
    }

    /// `root` with the file at `path` applied under `keys`.
    public static func load<Root>(path: String, into root: Root, keys: [ConfigKey<Root>]) throws(ConfigurationError) -> Root {
        var root = root
        let json = try parse(path: path)
        do {
            try apply(json, to: &root, keys: keys)
        } catch {
            throw ConfigurationError(file: path, problem: error.description)
        }
        return root
    }
}
