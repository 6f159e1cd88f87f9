import Logging
import Kernel
import PluginSDK

/// `system/plugin/register`: an admin registers a remote plugin with its manifest and base URL.
/// The kernel stores it, installs and enables it, and answers the signing secret - shown once.
/// The name must not belong to a compiled-in plugin, a kernel table or another remote plugin.
enum RemoteRegister {
    static let params: [Param] = [
        .object("manifest", required: true, "name, version, actions [{control, action, access}], events"),
        .string("base_url", required: true, maxLength: 2_000, "http(s) URL the actions are posted under"),
    ]

    static func handle(_ context: ActionContext, kernel: KernelAccess) async throws -> Reply {
        guard let json = structured(context.params["manifest"]) else { throw KernelError.badParameter("manifest", .malformed) }
        let manifest = try RemoteManifest.parse(json)
        let secret = try await register(manifest, baseURL: try context.params.requiredString("base_url"), kernel: kernel)
        return .ok([
            "name": .string(manifest.name), "version": .string(manifest.version), "secret": .string(secret),
            "signature_header": .string(RemoteCall.signatureHeader),
        ])
    }

    /// Stores, installs and enables a remote plugin; answers the secret its calls are signed with.
    static func register(_ manifest: RemoteManifest, baseURL: String, kernel: KernelAccess) async throws -> String {
        let name = manifest.name
        let registry = kernel.registry
        try await registry.refresh()
        guard !kernel.isReservedPluginName(name), registry.state(of: name) == nil, !registry.list().contains(where: { $0.manifest.name == name })
        else { throw RemoteMessages.nameTaken(name) }
        try await kernel.hooks.check(
            VetoPoint<PluginInstallation>.pluginInstall.name,
            PluginInstallation(name: name, version: manifest.version, source: RemoteRegistration.sourceName))
        let registration = RemoteRegistration(
            manifest: manifest, baseURL: try RemoteRegistration.checkedBaseURL(baseURL), secret: SecureToken.generate(prefix: "rps_"))
        let now = kernel.clock.unixSeconds()
        try await registry.change { db in
            try registration.insert(db, now: now)
            try db.execute(
                """
                INSERT INTO plugins (name, version, source, installed, enabled, config, installed_at, updated_at)
                VALUES (?, ?, ?, 1, 1, '{}', ?, ?)
                """, name, manifest.version, RemoteRegistration.sourceName, now, now)
        }
        kernel.logger.info("remote plugin registered", metadata: ["plugin": "\(manifest.name)", "version": "\(manifest.version)"])
        return registration.secret
    }

    /// A JSON value, or JSON text holding one (form clients send objects as text).
    private static func structured(_ value: JSON?) -> JSON? {
        guard let value else { return nil }
        if case .string(let text) = value { return try? JSON.parse(Array(text.utf8)) }
        return value
    }
}
