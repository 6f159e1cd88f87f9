import PluginSDK

/// Saving a plugin's config: the keys sent replace those stored, the rest are kept, and the
/// result must fit the plugin's schema (when it has one).
enum PluginConfig {
    /// `current` with the members of `changes` replacing (or, when null, removing) its own.
    static func merged(_ current: JSON, _ changes: JSONObject) -> JSONObject {
        var result = current.objectValue ?? JSONObject()
        for (key, value) in changes { result[key] = value.isNull ? nil : value }
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
}
