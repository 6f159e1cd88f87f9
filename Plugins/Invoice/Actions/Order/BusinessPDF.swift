import PluginSDK

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
        return try await InvoicePDFAnswer.reply(context, printer: printer) { db in
            try BusinessDetail.callersInvoice(db, context: context, user: user, id: id, kind: kind)
        }
    }
}
