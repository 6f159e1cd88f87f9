import PluginSDK

/// `invoice/pdf` (admin) and `merchant/pdf` (API key): the PDF of any paid invoice of the
/// store, by invoice `id` or `number`.
struct AdminInvoicePDF: Sendable {
    let printer: InvoicePrinter

    func handle(_ context: ActionContext) async throws -> Reply {
        try await InvoicePDFAnswer.reply(context, printer: printer) { db in
            let merchant = try MerchantContext(context, db: db)
            return (try merchant.invoice(context, db: db), merchant.settings)
        }
    }
}
