import Kernel
import Logging
import Storage

/// The schedule plugin: customers and catalog items, and invoices sent on a schedule (PayPing's
/// `/v2/invoice/Schedule`) - each occurrence an ordinary invoice of the invoice plugin, created
/// through the kernel's `invoice.create` service, and announced by email and SMS through the
/// kernel's outbox.
public struct SchedulePlugin: BackgroundWork, ServiceProvider {
    public init() {}

    public let manifest = PluginManifest(
        name: "schedule", title: "Schedule", version: "1.0.0", author: "invoice-server",
        description: "Customers, catalog items and recurring invoices with email and SMS notices.",
        clientTypes: ["pc", "h5", "ios", "android"])

    public var migrations: [Migration] { ScheduleMigrations.all }

    public var defaultConfig: JSON { ["tick_seconds": 1, "pay_link": ""] }

    public var routes: [Route] { ScheduleRoutes.all }

    /// Offers `schedule.customers`, `schedule.create` and `schedule.copy` (for the copy plugin).
    public func registerServices(in directory: ServiceDirectory) {
        ScheduleServices.register(in: directory, plugin: manifest.name)
    }

    /// Runs a scheduler tick every `tick_seconds` while the plugin is enabled; paying an invoice
    /// (`invoice.paid`) stops its reminders at once.
    public func runInBackground(_ services: KernelServices) async throws {
        services.hooks.on("invoice.paid", name: "schedule.stop-reminders") { event in
            guard let id = event.payload["id"]?.intValue, let storeID = event.storeID else { return }
            try await services.storage.write { db in try Reminders.stop(invoiceID: id, storeID: storeID, db: db) }
        }
        while !Task.isCancelled {
            let state = services.registry.state(of: manifest.name)
            let config = state?.config ?? defaultConfig
            if state?.enabled == true {
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
