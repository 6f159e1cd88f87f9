import Kernel
import PluginSDK

/// `/manage/invoices`: the store's invoices (`invoice/merchant/list`) filtered by status, kind
/// and user; `/manage/invoices/<id>` one invoice (`merchant/view`) with its history, cancel
/// (`merchant/cancel`), refund in part or in full (`merchant/refund`), its PDF (`invoice/pdf`)
/// and the link to its hosted page (`merchant/link`).
enum InvoicesPage {
    static func route(_ context: PageContext, _ parts: [String]) async -> DashboardResponse {
        let post = context.request.isPost
        switch (parts.count, post) {
        case (0, false): return await list(context)
        case (1, false): return await detail(context, id: parts[0])
        case (2, false) where parts[1] == "pdf":
            let download = context.request.query.string("download") == "1" ? "1" : "0"
            let answer = await context.callForStore("invoice", "invoice", "pdf", ["id": .string(parts[0]), "download": .string(download)])
            return answer.fileResponse ?? ErrorPage.refused(context, answer)
        case (2, true) where parts[1] == "cancel":
            let answer = await context.callForStore(
                "invoice", "merchant", "cancel", ["id": .string(parts[0]), "note": .string(context.request.form.string("note") ?? "")])
            return context.after(answer, redirect: "/manage/invoices/\(parts[0])")
        case (2, true) where parts[1] == "refund":
            var params: JSONObject = ["id": .string(parts[0]), "note": .string(context.request.form.string("note") ?? "")]
            if let amount = context.request.form.string("amount"), !amount.isEmpty { params["amount"] = .string(amount) }
            return context.after(
                await context.callForStore("invoice", "merchant", "refund", params), redirect: "/manage/invoices/\(parts[0])")
        default: return ErrorPage.notFound(context)
        }
    }

    static func list(_ context: PageContext) async -> DashboardResponse {
        let query = context.request.query
        var params: JSONObject = ["page": .string(query.string("page") ?? "1"), "page_size": .string(query.string("page_size") ?? "20")]
        for key in ["status", "kind", "user_id"] {
            if let value = query.string(key), !value.isEmpty { params[key] = .string(value) }
        }
        let answer = await context.callForStore("invoice", "merchant", "list", params)
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let statuses =
            [(value: "", label: context.t(CommonText.all))]
            + CommonText.invoiceStatuses.map { (value: $0, label: context.t(CommonText.invoiceStatus($0))) }
        let kinds: [(value: String, label: String)] = [
            ("", context.t(CommonText.all)), ("order", context.t(CustomerText.order)),
            ("recharge", context.t(en: "Recharge", zh: "充值", fa: "شارژ")),
        ]
        let filters: [HTML] = [
            Components.select(context.t(CommonText.status), name: "status", options: statuses, selected: query.string("status") ?? ""),
            Components.select(context.t(ManageText.kind), name: "kind", options: kinds, selected: query.string("kind") ?? ""),
            Components.input(context.t(ManageText.user) + " ID", name: "user_id", value: query.string("user_id") ?? "", type: "number"),
            Components.select(
                context.t(CommonText.perPage), name: "page_size", options: ["10", "20", "50", "100"].map { ($0, $0) },
                selected: query.string("page_size") ?? "20", autosubmit: true),
            Components.submit(context.t(CommonText.filter)),
        ]
        let zone = await context.timeZone()
        let rows = (answer.data["items"]?.arrayValue ?? []).map { invoice -> [HTML] in
            let id = invoice["id"]?.intValue ?? 0
            let status = invoice["status"]?["status"]?.stringValue ?? ""
            let subtotal = invoice["payment"]?["subtotal"] ?? .null
            return [
                "<a href=\"/manage/invoices/\(id)\">\(invoice["number"]?.stringValue ?? "")</a>", "\(invoice["kind"]?.stringValue ?? "")",
                "\(invoice["user_id"]?.intValue.map(String.init) ?? "")",
                Components.badge(context.t(CommonText.invoiceStatus(status)), kind: status),
                Components.money(subtotal["total"], subtotal["currency"]), Components.time(invoice["created_at"], zone: zone),
            ]
        }
        let headers = [
            context.t(CommonText.number), context.t(ManageText.kind), context.t(ManageText.user), context.t(CommonText.status),
            context.t(CommonText.total), context.t(CommonText.created),
        ]
        let body: [HTML] = [
            "<form method=\"get\" action=\"/manage/invoices\" class=\"filters\" role=\"search\">\(filters)</form>",
            Components.failure(answer),
            Components.table(context, caption: context.t(ManageText.invoices), headers: headers, rows: rows),
            Components.pager(context, answer.data, total: answer.data["total"]?.intValue ?? 0),
        ]
        return ManageRouter.page(context, title: context.t(ManageText.invoices), body.joined)
    }

    static func detail(_ context: PageContext, id: String) async -> DashboardResponse {
        let answer = await context.callForStore("invoice", "merchant", "view", ["id": .string(id)])
        guard answer.ok else { return ErrorPage.refused(context, answer) }
        let status = answer.data["status"]?["status"]?.stringValue ?? ""
        var sections: [HTML] = [
            "<p class=\"cell-actions\"><a href=\"/manage/invoices/\(id)/pdf\">PDF</a><a href=\"/manage/invoices/\(id)/pdf?download=1\" download>\(context.t(CommonText.downloadPDF))</a><a href=\"/manage/invoices\">\(context.t(CommonText.back))</a></p>"
        ]
        let link = await context.callForStore("invoice", "merchant", "link", ["id": .string(id)])
        if let token = link.data["link"]?.stringValue {
            let host = context.request.headers["host"] ?? ""
            let url = (context.request.isSecure ? "https://" : "http://") + host + "/i/" + token
            sections.append(
                "<section><h2>\(context.t(ManageText.hostedLink))</h2><p><a href=\"/i/\(token)\" class=\"break\">\(url)</a></p></section>")
        }
        if status == "pending" {
            sections.append(
                "<section><h2>\(context.t(ManageText.cancel))</h2>"
                    + Components.form(
                        context, action: "/manage/invoices/\(id)/cancel",
                        Components.input(context.t(CommonText.note), name: "note") + Components.submit(context.t(ManageText.cancel)))
                    + "</section>")
        }
        if status == "paid" || status == "partially_refunded" {
            sections.append(
                "<section><h2>\(context.t(ManageText.refund))</h2>"
                    + Components.form(
                        context, action: "/manage/invoices/\(id)/refund",
                        [
                            Components.input(
                                context.t(CommonText.amount), name: "amount", hint: context.t(ManageText.refundHint),
                                extra: " inputmode=\"decimal\""),
                            Components.input(context.t(CommonText.note), name: "note"), Components.submit(context.t(ManageText.refund)),
                        ].joined) + "</section>")
        }
        let title = context.t(CustomerText.invoice) + " " + (answer.data["number"]?.stringValue ?? "")
        let zone = await context.timeZone()
        return ManageRouter.page(context, title: title, InvoiceView.render(context, answer.data, zone: zone) + sections.joined)
    }
}
