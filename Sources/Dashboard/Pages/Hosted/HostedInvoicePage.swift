import Kernel
import PluginSDK

/// `/i/<link>`: the hosted invoice page for a customer without an account (`invoice/hosted/view`
/// with the link's token, no session): the store, amounts, lines and status, a pay link while
/// unpaid and the PDF once paid. `/i/<link>/pdf` is the PDF (`invoice/hosted/pdf`). A wrong or
/// outdated link is a 404 like any missing page.
enum HostedInvoicePage {
    static func route(_ context: PageContext, parts: [String]) async -> DashboardResponse {
        let link = parts[0]
        if parts.count == 2 && parts[1] == "pdf" {
            let download = context.request.query.string("download") == "1" ? "1" : "0"
            let answer = await call(context, "pdf", ["link": .string(link), "download": .string(download)])
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
            Components.table(
                context, caption: context.t(CommonText.lines),
                headers: [
                    context.t(CommonText.item), context.t(CommonText.quantity), context.t(CommonText.unitPrice),
                    context.t(CommonText.total),
                ],
                rows: lines),
        ].joined
    }
}
