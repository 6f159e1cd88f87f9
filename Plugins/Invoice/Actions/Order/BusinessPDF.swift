import Kernel

/// `order/pdf` and `recharge/pdf`: the PDF of one of the caller's invoices by `id`, for one paid
/// with real money only (failed, canceled, unpaid and balance-paid ones have none).
struct BusinessPDF: Sendable {
    let printer: InvoicePrinter

    func order(_ context: ActionContext) async throws -> Reply {
        try await pdf(context, kind: .order)
    }

    func recharge(_ context: ActionContext) async throws -> Reply {
        try await pdf(context, kind: .recharge)
    }

    private func pdf(_ context: ActionContext, kind: InvoiceKind) async throws -> Reply {
        let (invoice, settings) = try await BusinessDetail.callersInvoice(context, kind: kind)
        return try await InvoicePDFAnswer.reply(context, invoice: invoice, settings: settings, printer: printer)
    }
}
