import Foundation
import PluginSDK

/// Saving a plugin's config: the keys sent replace those stored, the rest are kept, and the
/// result must fit the plugin's schema (when it has one).
enum PluginConfig {
    /// `current` with the members of `changes` replacing (or, when null, removing) its own.
    static func merged(_ current: JSON, _ changes: JSONObject) -> JSONObject {
        var result = current.objectValue ?? JSONObject()
        for (key, value) in changes {
            // `JSON` is nil-literal expressible: a bare `nil` here would store JSON null.
            result[key] = value.isNull ? JSON?.none : value
        }
        return result
    }

    /// Checks `config` against `schema`: unknown keys and values of the wrong shape answer
    /// -5000 naming the key (`config.<key>`).
    static func validate(_ config: JSONObject, schema: [Param]?) throws(KernelError) {
        guard let schema else { return }
        for key in config.orderedKeys where !schema.contains(where: { $0.name == key }) {
            throw .badParameter("config.\(key)", .notOneOf(schema.map(\.name)))
        }
        try ParamValidator.check(Params(config), against: schema)
    }

    /// The config file shipped for `plugin` (`<configDir>/plugins/<name>.json`), or nil when
    /// there is none. A file that is not a JSON object, or does not fit the plugin's schema,
    /// stops the start with the file, the key and the nearest known key.
    static func shipped(for plugin: any Plugin, configDir: String) throws(ConfigurationError) -> JSON? {
        let path = URL(fileURLWithPath: configDir).appendingPathComponent("plugins/\(plugin.manifest.name).json").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let json = try ConfigReader.parse(path: path)
        guard let object = json.objectValue else { throw ConfigurationError(file: path, problem: "must be a JSON object") }
        guard let schema = plugin.configSchema else { return json }
        for key in object.orderedKeys where !schema.contains(where: { $0.name == key }) {
            throw ConfigurationError(file: path, problem: ConfigProblem.unknownKey(key, known: schema.map(\.name)).description)
        }
        do {
            try ParamValidator.check(Params(object), against: schema)
        } catch {
            throw ConfigurationError(file: path, problem: error.message(.en))
        }
        return json
    }
}
