import Kernel
import Storage

/// `invoice/pdf` (admin) and `merchant/pdf` (API key): the PDF of any invoice of the store, by
/// invoice `id` or `number`: a receipt when paid with real money, a pro forma bill when unpaid.
struct AdminInvoicePDF: Sendable {
    let printer: InvoicePrinter

    func handle(_ context: ActionContext) async throws -> Reply {
        let merchant = try await MerchantContext(context)
        let invoice = try await merchant.invoice(context)
        return try await InvoicePDFAnswer.reply(context, invoice: invoice, settings: merchant.settings, printer: printer, proFormaAllowed: true)
    }
}
