import Kernel
import Storage

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
        let user = try context.requireUser()
        let id = try context.params.requiredInt("id")
        guard let invoice = try await context.storage.read({ db in try InvoiceRecords.find(db, id: id, userID: user.id) }),
            invoice.kind == kind
        else { throw KernelError.notFound }
        let settings = try await SettingsRecords.load(context, storeID: user.storeID)
        return try await InvoicePDFAnswer.reply(context, invoice: invoice, settings: settings, printer: printer)
    }
}
