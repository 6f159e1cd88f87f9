import Contracts
import Foundation
import PluginSDK

/// Calls the URLs an invoice lists in `webhooks` when it is paid, refunded or canceled. A durable
/// listener enqueues one outbox message per URL inside the write that changed the invoice, so
/// the notice exists exactly when the change does; the outbox signs it (`X-Signature` with the
/// store's `webhook_signing_secret`), gives it an event id, retries it and keeps its delivery log
/// (`invoice/delivery/*`). The body is the invoice as the merchant API answers it.
struct InvoiceWebhooks: Sendable {
    let services: PluginServices

    /// The changes that notify an invoice's URLs.
    static let events = [InvoiceEvents.paid, InvoiceEvents.refunded, InvoiceEvents.canceled]

    func register() {
        for event in Self.events {
            services.hooks.on(event, name: "webhooks") { event, db in try enqueue(event, in: db) }
        }
    }

    private func enqueue(_ event: HookEvent, in db: Database) throws {
        guard let storeID = event.storeID, let urls = event.payload["webhooks"]?.arrayValue, !urls.isEmpty else { return }
        let secret = try signingSecret(db, storeID: storeID)
        for url in urls.compactMap(\.stringValue) {
            try services.outbox.enqueue(
                .webhook(storeID: storeID, url: url, secret: secret, topic: event.name, data: event.payload), in: db)
        }
    }

    /// The store's signing secret; one is made (and kept in its settings) the first time it is needed.
    private func signingSecret(_ db: Database, storeID: Int64) throws -> String {
        var settings = try SettingsRecords.load(db, storeID: storeID, services: services, config: services.config)
        if settings.webhookSigningSecret.isEmpty {
            let bytes = (0..<24).map { _ in UInt8.random(in: .min ... .max) }
            settings.webhookSigningSecret = "whsec_" + bytes.map { String(format: "%02x", $0) }.joined()
            _ = try SettingsRecords.save(db, storeID: storeID, settings: settings, now: services.clock.unixSeconds(), services: services)
        }
        return settings.webhookSigningSecret
    }
}
