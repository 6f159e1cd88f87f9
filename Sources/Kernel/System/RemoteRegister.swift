import Logging

/// `system/plugin/register`: an admin registers a remote plugin with its manifest and base URL.
/// The kernel stores it, installs and enables it, and answers the signing secret - shown once.
enum RemoteRegister {
    static let params: [Param] = [
        .object("manifest", required: true, "name, version, actions [{control, action, access}], events"),
        .string("base_url", required: true, maxLength: 2_000, "http(s) URL the actions are posted under"),
    ]

    static func handle(_ context: ActionContext) async throws -> Reply {
        guard let json = PluginConfigAdmin.structured(context.params["manifest"]) else { throw KernelError.badParameter("manifest", .malformed) }
        let manifest = try RemoteManifest.parse(json)
        let baseURL = try context.params.requiredString("base_url")
        let secret = try await context.services.registry.register(manifest, baseURL: baseURL, services: context.services)
        context.services.logger.info("remote plugin registered", metadata: ["plugin": "\(manifest.name)", "version": "\(manifest.version)"])
        return .ok([
            "name": .string(manifest.name), "version": .string(manifest.version), "secret": .string(secret),
            "signature_header": .string(RemoteCall.signatureHeader),
        ])
    }
}
