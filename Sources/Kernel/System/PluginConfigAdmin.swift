import PluginSDK

/// `system/plugin/config` and `system/plugin/saveconfig`: a plugin's config as stored, its schema,
/// and changing it (the keys sent replace the stored ones, null removes one; the result must fit
/// the schema).
enum PluginConfigAdmin {
    static func read(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let name = try context.params.requiredString("name")
        let registry = kernel.registry
        try await registry.refresh()
        guard let state = registry.state(of: name), state.installed else {
            throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name))
        }
        return .ok(["name": .string(name), "config": state.config, "schema": schema(registry.configSchema(of: name))])
    }

    static func save(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let name = try context.params.requiredString("name")
        guard let changes = structured(context.params["config"])?.objectValue else { throw KernelError.badParameter("config", .malformed) }
        let saved = try await kernel.registry.saveConfig(name, changes: changes, clock: kernel.clock)
        return .ok(["name": .string(name), "config": saved])
    }

    /// A JSON value, or JSON text holding one (form clients send objects as text).
    static func structured(_ value: JSON?) -> JSON? {
        guard let value else { return nil }
        if case .string(let text) = value { return try? JSON.parse(Array(text.utf8)) }
        return value
    }

    /// The schema as the admin UI reads it; null when the plugin accepts any object.
    static func schema(_ params: [Param]?) -> JSON {
        guard let params else { return .null }
        return .array(params.map { param in
            var field: JSONObject = ["name": .string(param.name), "type": .string(param.kind.rawValue), "required": .bool(param.required)]
            if let max = param.maxLength { field["max_length"] = .int(Int64(max)) }
            if let range = param.range { field["min"] = .int(range.lowerBound); field["max"] = .int(range.upperBound) }
            if let allowed = param.allowed { field["allowed"] = .array(allowed.map { .string($0) }) }
            if !param.summary.isEmpty { field["summary"] = .string(param.summary) }
            return .object(field)
        })
    }
}
