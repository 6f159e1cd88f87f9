import Contracts
import PluginSDK
import Logging

/// The schedule plugin: customers and catalog items, and invoices sent on a schedule (PayPing's
/// `/v2/invoice/Schedule`) - each occurrence an ordinary invoice of the invoice plugin, created
/// through `InvoiceService.create`, and announced by email and SMS through the kernel's outbox.
public struct SchedulePlugin: BackgroundWork {
    public init() {}

    public let manifest = PluginManifest(
        name: "schedule", title: "Schedule", version: "1.0.0", author: "invoice-server",
        description: "Customers, catalog items and recurring invoices with email and SMS notices.",
        clientTypes: ["pc", "h5", "ios", "android"])

    public var migrations: [Migration] { ScheduleMigrations.all }

    public var defaultConfig: JSON { ["tick_seconds": 1, "pay_link": ""] }

    public var configSchema: [Param]? {
        [
            .integer("tick_seconds", range: 1...3_600, "Seconds between scheduler rounds"),
            .string("pay_link", maxLength: 2_000, "Link sent in notices; {invoice_id} and {number} are filled in"),
        ]
    }

    public var routes: [Route] { ScheduleRoutes.all }

    /// Offers `ScheduleService` (customers, create, copy) to the copy plugin; paying an invoice
    /// (`invoice.paid`) stops its reminders in the very write that records the payment.
    public func register(with services: PluginServices) {
        ScheduleServices(services: services).register()
        services.hooks.on(InvoiceEvents.paid, name: "stop-reminders") { event, db in
            guard let id = event.payload["id"]?.intValue, let storeID = event.storeID else { return }
            try Reminders.stop(invoiceID: id, storeID: storeID, db: db)
        }
    }

    /// Runs a scheduler tick every `tick_seconds` while the plugin is enabled.
    public func runInBackground(_ services: PluginServices) async throws {
        while !Task.isCancelled {
            let config = services.config
            if services.isEnabled {
                let scheduler = Scheduler(services: services, payLink: config["pay_link"]?.stringValue ?? "")
                do {
                    _ = try await scheduler.tick(now: services.clock.unixSeconds())
                } catch {
                    services.logger.error("scheduler tick failed", metadata: ["error": "\(error)"])
                }
            }
            let seconds = max(1, config["tick_seconds"]?.intValue ?? 1)
            try await Task.sleep(for: .seconds(seconds))
        }
    }
}
