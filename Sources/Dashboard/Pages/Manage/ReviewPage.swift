import Kernel
import PluginSDK

/// `/manage/applications`: tax-invoice applications to review (`invoice/invoice/index`, filtered
/// by status and kind); `/manage/applications/<id>` one application (`invoice/detail`, its fields
/// labelled by the action's `field_list`) with the review (`invoice/audit`: approve, or refuse
/// with a reason) and the issue (`invoice/issue`: e-invoice links or courier and tracking number).
enum ReviewPage {
    static let statuses: [(String, LocalizedText)] = [
        ("0", LocalizedText(en: "Pending review", zh: "待审核", fa: "در انتظار بررسی")),
        ("1", LocalizedText(en: "To be issued", zh: "待开票", fa: "در انتظار صدور")),
        ("2", LocalizedText(en: "Issued", zh: "已开票", fa: "صادر شده")),
        ("3", LocalizedText(en: "Refused", zh: "已拒绝", fa: "رد شده")),
        ("4", LocalizedText(en: "Closed", zh: "已关闭", fa: "بسته شده")),
    ]

    static func route(_ context: PageContext, _ parts: [String]) async -> DashboardResponse {
        switch (parts.count, context.request.isPost) {
        case (0, false): return await list(context)
        case (1, false): return await detail(context, id: parts[0])
        case (2, true) where parts[1] == "audit":
            var params = context.formParams
            params["id"] = .string(parts[0])
            return context.after(await context.call("invoice", "invoice", "audit", params), redirect: "/manage/applications/\(parts[0])")
        case (2, true) where parts[1] == "issue":
            return context.after(
                await context.call("invoice", "invoice", "issue", issueParams(context, id: parts[0])),
                redirect: "/manage/applications/\(parts[0])")
        default: return ErrorPage.notFound(context)
        }
    }

    static func list(_ context: PageContext) async -> DashboardResponse {
        let query = context.request.query
        var params: JSONObject = ["page": .string(query.string("page") ?? "1"), "store_id": .int(context.storeID)]
        if let status = query.string("status"), !status.isEmpty { params["status"] = .string(status) }
        if let kind = query.string("business_type"), !kind.isEmpty { params["business_type"] = .string(kind) }
        let answer = await context.call("invoice", "invoice", "index", params)
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let zone = await context.timeZone()
        let filters: [HTML] = [
            Components.select(
                context.t(CommonText.status), name: "status",
                options: [("", context.t(CommonText.all))] + statuses.map { ($0.0, context.t($0.1)) },
                selected: query.string("status") ?? ""),
            Components.select(
                context.t(ManageText.kind), name: "business_type",
                options: [
                    ("", context.t(CommonText.all)), ("0", context.t(CustomerText.order)),
                    ("1", context.t(en: "Recharge", zh: "充值", fa: "شارژ")),
                ],
                selected: query.string("business_type") ?? ""),
            Components.submit(context.t(CommonText.filter)),
        ]
        let rows = (answer.data["data_list"]?.arrayValue ?? []).map { application -> [HTML] in
            let id = application["id"]?.intValue ?? 0
            return [
                "<a href=\"/manage/applications/\(id)\">#\(id)</a>", Components.time(application["add_time"], zone: zone),
                "\(application["user_id"]?.intValue ?? 0)", "\(application["invoice_title"]?.stringValue ?? "")",
                "\(application["invoice_type_name"]?.stringValue ?? "")", "\(application["total_price"]?.stringValue ?? "")",
                Components.badge(
                    application["status_name"]?.stringValue ?? "", kind: "application-\(application["status"]?.intValue ?? 0)"),
            ]
        }
        let headers = [
            "#", context.t(CommonText.created), context.t(ManageText.user), context.t(CustomerText.fields["invoice_title"]!),
            context.t(en: "Invoice type", zh: "发票类型", fa: "نوع فاکتور"), context.t(CommonText.amount), context.t(CommonText.status),
        ]
        let body: [HTML] = [
            "<form method=\"get\" action=\"/manage/applications\" class=\"filters\" role=\"search\">\(filters)</form>",
            Components.failure(answer),
            Components.table(context, caption: context.t(ManageText.applications), headers: headers, rows: rows),
            Components.pager(
                context, page: answer.data["page"]?.intValue ?? 1, pageTotal: answer.data["page_total"]?.intValue ?? 1,
                total: answer.data["data_total"]?.intValue ?? 0),
        ]
        return ManageRouter.page(context, title: context.t(ManageText.applications), body.joined)
    }

    static func detail(_ context: PageContext, id: String) async -> DashboardResponse {
        let answer = await context.call("invoice", "invoice", "detail", ["id": .string(id)])
        guard answer.ok else { return ErrorPage.refused(context, answer) }
        let application = answer.data["data"] ?? .null
        let facts = (answer.data["field_list"]?.arrayValue ?? []).compactMap { field -> (String, HTML)? in
            guard let key = field["field"]?.stringValue, let text = application[key]?.stringValue, !text.isEmpty else { return nil }
            return (field["name"]?.stringValue ?? key, "\(text)")
        }
        let orders = (application["business_list"]?.arrayValue ?? []).compactMap { $0["business_no"]?.stringValue }.joined(separator: ", ")
        var sections: [HTML] = [
            Components.facts(
                facts + [
                    (context.t(CustomerText.orders), "\(orders)"),
                    (context.t(CustomerText.invoice), ApplicationsPage.issued(context, application)),
                ])
        ]
        switch application["status"]?.intValue {
        case 0: sections.append(auditForm(context, id: id))
        case 1: sections.append(issueForm(context, id: id, electronic: [0, 3].contains(application["invoice_type"]?.intValue ?? 0)))
        default: break
        }
        sections.append("<p><a href=\"/manage/applications\">\(context.t(CommonText.back))</a></p>")
        return ManageRouter.page(context, title: context.t(ManageText.applications) + " #" + id, sections.joined)
    }

    private static func auditForm(_ context: PageContext, id: String) -> HTML {
        let approve = Components.button(
            context, action: "/manage/applications/\(id)/audit", label: context.t(ManageText.approve), fields: [("status", "1")])
        let refuse = Components.form(
            context, action: "/manage/applications/\(id)/audit",
            "<input type=\"hidden\" name=\"status\" value=\"3\">"
                + Components.input(context.t(CommonText.reason), name: "refuse_reason", required: true)
                + Components.submit(context.t(ManageText.refuse)))
        return "<section><h2>\(context.t(en: "Review", zh: "审核", fa: "بررسی"))</h2>\(approve)\(refuse)</section>"
    }

    private static func issueForm(_ context: PageContext, id: String, electronic: Bool) -> HTML {
        let fields: HTML =
            electronic
            ? Components.input(
                context.t(en: "E-invoice title", zh: "电子发票名称", fa: "عنوان فاکتور الکترونیکی"), name: "file_title", required: true)
                + Components.input(
                    context.t(en: "E-invoice link (https)", zh: "电子发票链接（https）", fa: "پیوند فاکتور الکترونیکی (https)"), name: "file_url",
                    type: "url", required: true)
            : Components.input(context.t(en: "Courier", zh: "快递公司", fa: "شرکت پست"), name: "express_name", required: true)
                + Components.input(context.t(en: "Tracking number", zh: "快递单号", fa: "کد رهگیری"), name: "express_number", required: true)
        return "<section><h2>\(context.t(ManageText.issue))</h2>"
            + Components.form(context, action: "/manage/applications/\(id)/issue", fields + Components.submit(context.t(ManageText.issue)))
            + "</section>"
    }

    /// The issue form as `invoice/issue` takes it: one e-invoice entry, or the courier fields.
    private static func issueParams(_ context: PageContext, id: String) -> JSONObject {
        let form = context.request.form
        var params: JSONObject = ["id": .string(id)]
        if let url = form.string("file_url") {
            params["electronic_invoice"] = .array([["title": .string(form.string("file_title") ?? ""), "url": .string(url)]])
        } else {
            params["express_name"] = .string(form.string("express_name") ?? "")
            params["express_number"] = .string(form.string("express_number") ?? "")
        }
        return params
    }
}
