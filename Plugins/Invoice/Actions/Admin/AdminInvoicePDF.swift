import PluginSDK

/// `invoice/pdf` (admin) and `merchant/pdf` (API key): the PDF of any invoice of the store, by
/// invoice `id` or `number`: a receipt when paid with real money, a pro forma bill when unpaid.
struct AdminInvoicePDF: Sendable {
    let printer: InvoicePrinter

    func handle(_ context: ActionContext) async throws -> Reply {
        try await InvoicePDFAnswer.reply(context, printer: printer, proFormaAllowed: true) { db in
            let merchant = try MerchantContext(context, db: db)
            return (try merchant.invoice(context, db: db), merchant.settings)
        }
    }
}
