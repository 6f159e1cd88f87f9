import PluginSDK

/// The PDF actions; they share one printer (its render threads and cache).
enum PDFRoutes {
    static func all(_ printer: InvoicePrinter) -> [Route] {
        let business = BusinessPDF(printer: printer)
        let admin = AdminInvoicePDF(printer: printer)
        let byID = [Param.integer("id", required: true, range: 1...Int64.max, "The order's id")] + InvoicePDFAnswer.params
        return [
            Route(
                "order", "pdf", access: .user, params: byID,
                summary: "The PDF of one of the caller's paid orders (inline, or download=1)", fileType: "application/pdf", handler: business.order),
            Route(
                "recharge", "pdf", access: .user, params: byID,
                summary: "The PDF of one of the caller's paid recharges (inline, or download=1)", fileType: "application/pdf", handler: business.recharge),
            Route(
                "invoice", "pdf", access: .admin(), params: MerchantParams.reference + InvoicePDFAnswer.params,
                summary: "The PDF of an invoice of the store, by id or number: a receipt when paid, a pro forma bill when unpaid", fileType: "application/pdf",
                handler: admin.handle),
            Route(
                "merchant", "pdf", access: .apiKey(scope: InvoiceRoutes.merchantScope),
                params: MerchantParams.reference + InvoicePDFAnswer.params,
                summary: "The PDF of an invoice, by id or number: a receipt when paid, a pro forma bill when unpaid", fileType: "application/pdf", handler: admin.handle),
        ]
    }
}
