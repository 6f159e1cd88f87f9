import Kernel
import PluginSDK

/// A registered remote plugin seen as a `Plugin`: its routes are the manifest's actions, each
/// forwarded over HTTP, and the events it subscribed to go out as signed webhooks through the
/// outbox, written in the very write that published them. It owns no tables: it reaches the
/// kernel's data only through what the kernel sends it.
struct RemotePlugin: PluginListDetails {
    let registration: RemoteRegistration

    var manifest: PluginManifest { registration.manifest.pluginManifest }

    var routes: [Route] {
        registration.manifest.actions.map { declared in
            Route(declared.control, declared.action, access: declared.access, summary: declared.summary) { [registration] context in
                try await RemoteCall(registration: registration).forward(context)
            }
        }
    }

    /// Each subscribed event becomes a webhook to `{base_url}/events`
    /// (`{"id", "type", "created", "store_id", "data"}`, signed with the plugin's secret in
    /// `X-Signature`), retried by the outbox worker until it answers 2xx. Events without a store
    /// go to store 1. The listener is named after the plugin, so the bus skips it while the
    /// plugin is disabled or uninstalled.
    func register(with services: PluginServices) {
        let url = registration.baseURL + "/events"
        let secret = registration.secret
        let outbox = services.outbox
        for name in registration.manifest.events {
            services.hooks.on(EventName(rawValue: name), priority: 1_000, name: "remote-events") { event, db in
                let message = OutboxMessage.webhook(storeID: event.storeID ?? 1, url: url, secret: secret, topic: event.name, data: event.payload)
                try outbox.enqueue(message, in: db)
            }
        }
    }

    var listDetails: JSONObject {
        let json = registration.manifest.json
        return ["actions": json["actions"] ?? [], "events": json["events"] ?? []]
    }
}
