import Kernel
import Storage

/// What every merchant action starts from: the caller's store and its settings.
struct MerchantContext: Sendable {
    let storeID: Int64
    let settings: StoreSettings
    let now: Int64

    init(_ context: ActionContext) async throws {
        storeID = try await context.storeID()
        settings = try await SettingsRecords.load(context, storeID: storeID)
        now = context.services.clock.unixSeconds()
    }

    /// The invoice named by `id` or `number` in this store; a missing one answers "not found".
    func invoice(_ context: ActionContext) async throws -> Invoice {
        let storeID = self.storeID
        if let id = try context.params.int("id") {
            guard let invoice = try await context.storage.read({ db in try InvoiceRecords.find(db, id: id, storeID: storeID) }) else {
                throw KernelError.notFound
            }
            return invoice
        }
        let number = try context.params.requiredString("number")
        guard let invoice = try await context.storage.read({ db in try InvoiceRecords.find(db, number: number, storeID: storeID) }) else {
            throw KernelError.notFound
        }
        return invoice
    }
}

/// The events the invoice plugin publishes on the hook bus.
enum InvoiceEvents {
    static func publish(_ name: String, _ invoice: Invoice, _ context: ActionContext) async {
        let hooks = context.services.hooks
        guard hooks.hasListeners(name) else { return }
        await hooks.publish(HookEvent(name: name, storeID: invoice.storeID, payload: invoice.json))
    }
}
