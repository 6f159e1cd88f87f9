import Storage

/// The events a remote plugin subscribed to, delivered through the kernel's durable outbox: each
/// becomes a webhook to `{base_url}/events` (`{"id", "type", "created", "store_id", "data"}`,
/// signed with the plugin's secret in `X-Signature`, retried by the outbox worker until it
/// answers 2xx).
enum RemoteEvents {
    /// The bus handler's name. It names the plugin as its owner, so the bus skips it while the
    /// plugin is disabled or uninstalled.
    static func handlerName(_ plugin: String) -> String { "\(plugin).remote-events" }

    /// Subscribes the registration's events on `hooks`; each event is written to the outbox.
    static func subscribe(_ registration: RemoteRegistration, hooks: HookBus, storage: DatabasePool, clock: KernelClock) {
        let url = registration.baseURL + "/events"
        let secret = registration.secret
        for name in registration.manifest.events {
            hooks.on(name, priority: 1_000, name: handlerName(registration.manifest.name)) { event in
                let message = OutboxMessage.webhook(storeID: event.storeID ?? 1, url: url, secret: secret, topic: event.name, data: event.payload)
                let now = clock.unixSeconds()
                try await storage.write { db in _ = try Outbox.enqueue(db, message, now: now) }
            }
        }
    }
}
