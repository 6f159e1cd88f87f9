/// A registered remote plugin seen as a `Plugin`: its routes are the manifest's actions, each
/// forwarded over HTTP. It has no migrations and no tables: it reaches the kernel's data only
/// through what the kernel sends it.
struct RemotePlugin: Plugin {
    let registration: RemoteRegistration

    var manifest: PluginManifest { registration.manifest.pluginManifest }

    var routes: [Route] {
        registration.manifest.actions.map { declared in
            Route(declared.control, declared.action, access: declared.access, summary: declared.summary) { [registration] context in
                try await RemoteCall(registration: registration).forward(context)
            }
        }
    }
}
