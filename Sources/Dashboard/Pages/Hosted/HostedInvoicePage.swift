import Kernel
import PluginSDK

/// `/i/<link>`: the hosted invoice page for a customer without an account (`invoice/hosted/view`
/// with the link's token, no session): the store, amounts, lines and status, a pay link while
/// unpaid, the PDF once paid and the invoice's attachments (once paid when it says so).
/// `/i/<link>/pdf` is the PDF (`invoice/hosted/pdf`), `/i/<link>/attachments/<id>` an attachment
/// (`invoice/hosted/attachment`). A wrong or outdated link is a 404 like any missing page.
enum HostedInvoicePage {
    static func route(_ context: PageContext, parts: [String]) async -> DashboardResponse {
        let link = parts[0]
        if parts.count == 2 && parts[1] == "pdf" {
            let download = context.request.query.string("download") == "1" ? "1" : "0"
            let answer = await call(context, "pdf", ["link": .string(link), "download": .string(download)])
            return answer.fileResponse ?? ErrorPage.refused(context, answer)
        }
        if parts.count == 3 && parts[1] == "attachments" {
            guard let id = Int64(parts[2]) else { return ErrorPage.notFound(context) }
            let answer = await call(context, "attachment", ["link": .string(link), "id": .int(id)])
            return answer.fileResponse ?? ErrorPage.refused(context, answer)
        }
        guard parts.count == 1 else { return ErrorPage.notFound(context) }
        let answer = await call(context, "view", ["link": .string(link)])
        guard answer.ok else { return ErrorPage.refused(context, answer) }
        return .page(Layout.page(context, title: title(context, answer.data), body(context, answer.data, link: link)))
    }

    private static func call(_ context: PageContext, _ action: String, _ params: JSONObject) async -> Answer {
        await context.client.call("invoice", "hosted", action, params, session: nil, language: context.language, request: context.request)
    }

    private static func title(_ context: PageContext, _ invoice: JSON) -> String {
        context.t(CustomerText.invoice) + " " + (invoice["number"]?.stringValue ?? "")
    }

    private static func body(_ context: PageContext, _ invoice: JSON, link: String) -> HTML {
        let currency = invoice["currency"]?.stringValue ?? ""
        let status = invoice["status"]?.stringValue ?? ""
        let money = { (key: String) -> HTML in Components.money(invoice[key], .string(currency)) }
        let store = invoice["store"] ?? .null
        let zone = store["time_zone"]?.stringValue.flatMap(TimeZoneRules.named) ?? .utc
        var actions: [HTML] = []
        if let pay = invoice["pay_url"]?.stringValue, pay.hasPrefix("https://") || pay.hasPrefix("http://") {
            actions.append(
                "<a class=\"button\" href=\"\(pay)\" rel=\"noopener noreferrer\">\(context.t(en: "Pay now", zh: "立即支付", fa: "پرداخت"))</a>")
        }
        if invoice["has_pdf"]?.boolValue == true {
            actions.append("<a href=\"/i/\(link)/pdf\">\(context.t(CommonText.viewInvoice)) (PDF)</a>")
            actions.append("<a href=\"/i/\(link)/pdf?download=1\" download>\(context.t(CommonText.downloadPDF))</a>")
        }
        let storeName = store["name"]?.stringValue ?? ""
        let logo: HTML = store["logo"]?.stringValue.map { "<img class=\"logo\" alt=\"\(storeName)\" src=\"\($0)\">" } ?? ""
        let taxID: HTML = (store["tax_id"]?.stringValue).flatMap { $0.isEmpty ? nil : "<br><bdi>\($0)</bdi>" } ?? ""
        let storeHTML: HTML =
            storeName.isEmpty
            ? logo
            : "<p class=\"store\">\(logo)<br><strong><bdi>\(storeName)</bdi></strong><br><bdi>\(store["address"]?.stringValue ?? "")</bdi>\(taxID)</p>"
        let lines = (invoice["products"]?.arrayValue ?? []).map { line -> [HTML] in
            [
                "\(line["title"]?.stringValue ?? "")<br><small>\(line["description"]?.stringValue ?? "")</small>",
                "\(line["quantity"]?.intValue ?? 0)",
                Components.money(line["amount"], .string(currency)), Components.money(line["total"], .string(currency)),
            ]
        }
        return [
            storeHTML,
            Components.facts([
                (context.t(CommonText.status), Components.badge(context.t(CommonText.invoiceStatus(status)), kind: status)),
                (context.t(CommonText.total), money("total")), (context.t(CommonText.vat), money("vat")),
                (context.t(CommonText.refunded), money("refunded")),
                (context.t(CommonText.created), Components.time(invoice["created_at"], zone: zone)),
                (context.t(CommonText.paidAt), Components.time(invoice["paid_at"], zone: zone)),
            ]),
            "<p class=\"cell-actions\">\(actions)</p>",
            attachments(context, invoice, link: link),
            Components.table(
                context, caption: context.t(CommonText.lines),
                headers: [
                    context.t(CommonText.item), context.t(CommonText.quantity), context.t(CommonText.unitPrice),
                    context.t(CommonText.total),
                ],
                rows: lines),
        ].joined
    }

    /// The files the customer may download now, and a note when more come with the payment.
    private static func attachments(_ context: PageContext, _ invoice: JSON, link: String) -> HTML {
        let files = (invoice["attachments"]?.arrayValue ?? []).map { file -> HTML in
            let id = file["id"]?.intValue ?? 0
            let name = file["name"]?.stringValue ?? ""
            return "<li><a href=\"/i/\(link)/attachments/\(id)\" download><bdi>\(name)</bdi></a> <small>\(size(file["size"]?.intValue ?? 0))</small></li>"
        }
        let waiting = invoice["attachments_after_payment"]?.intValue ?? 0
        guard !files.isEmpty || waiting > 0 else { return "" }
        let note: HTML =
            waiting > 0
            ? "<p class=\"why\">\(context.t(en: "\(waiting) file(s) will be available here once the invoice is paid.", zh: "付款后可在此下载 \(waiting) 个文件。", fa: "\(waiting) فایل پس از پرداخت صورتحساب اینجا در دسترس خواهد بود."))</p>"
            : ""
        let list: HTML = files.isEmpty ? "" : "<ul class=\"attachments\">\(files.joined)</ul>"
        return "<section><h2>\(context.t(en: "Attachments", zh: "附件", fa: "پیوست‌ها"))</h2>\(list)\(note)</section>"
    }

    /// A file size as people read it: bytes below 1 KiB, else KiB or MiB with one decimal.
    private static func size(_ bytes: Int64) -> String {
        if bytes < 1_024 { return "\(bytes) B" }
        let (unit, scale): (String, Int64) = bytes < 1_048_576 ? ("KiB", 1_024) : ("MiB", 1_048_576)
        let tenths = (bytes * 10 + scale / 2) / scale
        return "\(tenths / 10).\(tenths % 10) \(unit)"
    }
}
