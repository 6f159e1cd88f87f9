import PluginSDK

/// The PDF actions and the hosted invoice page's; they share one printer (its render threads and cache).
enum PDFRoutes {
    static func all(_ printer: InvoicePrinter) -> [Route] {
        let business = BusinessPDF(printer: printer)
        let admin = AdminInvoicePDF(printer: printer)
        let hosted = HostedInvoice(printer: printer)
        let byID = [Param.integer("id", required: true, range: 1...Int64.max, "The order's id")] + InvoicePDFAnswer.params
        return [
            Route(
                "order", "pdf", access: .user, params: byID,
                summary: "The PDF of one of the caller's paid orders (inline, or download=1)", fileType: "application/pdf", handler: business.order
            )
            .described(zh: "调用方已支付订单的 PDF（内联，或 download=1 下载）", fa: "PDF یکی از سفارش‌های پرداخت‌شدهٔ فراخوان (درون‌خطی، یا download=1)")
            .example(["id": "{{invoice_id}}"]),
            Route(
                "recharge", "pdf", access: .user, params: byID,
                summary: "The PDF of one of the caller's paid recharges (inline, or download=1)", fileType: "application/pdf", handler: business.recharge
            ).example(["id": "{{invoice_id}}"]),
            Route(
                "invoice", "pdf", access: .admin(), params: MerchantParams.reference + InvoicePDFAnswer.params,
                summary: "The PDF of an invoice of the store, by id or number: a receipt when paid, a pro forma bill when unpaid", fileType: "application/pdf",
                handler: admin.handle
            ).example(["number": "{{invoice_number}}", "lang": "zh"]),
            Route(
                "merchant", "pdf", access: .apiKey(scope: InvoiceRoutes.merchantScope),
                params: MerchantParams.reference + InvoicePDFAnswer.params,
                summary: "The PDF of an invoice, by id or number: a receipt when paid, a pro forma bill when unpaid", fileType: "application/pdf", handler: admin.handle
            )
            .described(zh: "按 id 或编号获取发票 PDF：已支付为收据，未支付为形式发票", fa: "PDF فاکتور با شناسه یا شماره: رسید اگر پرداخت شده، پیش‌فاکتور اگر نه")
            .example(["number": "{{invoice_number}}"]),
            Route(
                "merchant", "link", access: .apiKey(scope: InvoiceRoutes.merchantScope), params: MerchantParams.reference,
                summary: "The link token of an invoice's hosted page", handler: HostedInvoice.link
            ).example(["number": "{{invoice_number}}"], saves: [("link", "link")]),
            Route(
                "hosted", "view", access: .public, params: [HostedInvoice.linkParam],
                summary: "The hosted invoice page's data, for the holder of the invoice's link", handler: hosted.view
            ).example(["link": "{{link}}"]),
            Route(
                "hosted", "pdf", access: .public, params: [HostedInvoice.linkParam] + InvoicePDFAnswer.params,
                summary: "The PDF of a paid invoice, for the holder of its link", fileType: "application/pdf", handler: hosted.pdf
            ).example(["link": "{{link}}"]),
            Route(
                "hosted", "attachment", access: .public,
                params: [HostedInvoice.linkParam, .integer("id", required: true, range: 1...Int64.max, "An attachment id the invoice lists")],
                summary: "An attachment of the invoice, for the holder of its link (once paid when the invoice says so)", fileType: "*/*",
                handler: HostedInvoice.attachment
            ).example(["link": "{{link}}", "id": "{{attachment_id}}"]),
            Route(
                "hosted", "rotate", access: .admin(),
                summary: "Replace the link secret: every hosted-page link given out before stops working", handler: HostedInvoice.rotate),
        ]
    }
}
