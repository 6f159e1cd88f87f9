import Contracts
import PluginSDK

/// What every merchant action starts from, read inside its one storage job: the caller's store,
/// its settings and the time.
struct MerchantContext: Sendable {
    let storeID: Int64
    let settings: StoreSettings
    let now: Int64

    init(_ context: ActionContext, db: Database) throws {
        storeID = try context.storeID(in: db)
        settings = try SettingsRecords.load(db, storeID: storeID, context: context)
        now = context.now
    }

    /// The invoice named by `id` or `number` in this store; a missing one answers "not found".
    func invoice(_ context: ActionContext, db: Database) throws -> Invoice {
        if let id = try context.params.int("id") {
            guard let invoice = try InvoiceRecords.find(db, id: id, storeID: storeID) else { throw KernelError.notFound }
            return invoice
        }
        let number = try context.params.requiredString("number")
        guard let invoice = try InvoiceRecords.find(db, number: number, storeID: storeID) else { throw KernelError.notFound }
        return invoice
    }
}

extension PluginHooks {
    /// Publishes an invoice event in the write `db` belongs to; its payload is the invoice as
    /// the merchant API answers it. Skips building the payload when nobody listens.
    func publish(_ name: EventName, _ invoice: Invoice, in db: Database) throws {
        guard hasListeners(name) else { return }
        try publish(HookEvent(name, storeID: invoice.storeID, payload: invoice.json), in: db)
    }
}
