import Kernel
import PluginSDK

/// `/my/applications/new?ids[]=..` and `/my/applications/<id>/edit`: ShopXO's application form
/// (`user/saveinfo` gives its choices and values, `user/save` checks and stores it). Which
/// fields show follows the invoice and applicant types (with script; without it every field
/// shows); whatever the form sends, `user/save` applies ShopXO's rules and its messages.
enum ApplicationForm {
    /// Fields and when they apply: `enterprise` (company applicants), `special` (VAT special
    /// invoices), `paper` (posted invoices), `electronic` (e-invoices).
    static let fields: [(name: String, when: String?)] = [
        ("invoice_title", nil), ("invoice_code", "enterprise"), ("invoice_bank", "special"), ("invoice_account", "special"),
        ("invoice_tel", "special"), ("invoice_address", "special"), ("name", "paper"), ("tel", "paper"), ("address", "paper"),
        ("email", "electronic"), ("user_note", nil),
    ]

    static func handle(_ context: PageContext, editing id: String?) async -> DashboardResponse {
        let request = context.request
        var selection: JSONObject = ["type": .string(request.value("type") ?? "0")]
        if let id {
            selection["id"] = .string(id)
        } else {
            selection["ids"] = .string(ids(request))
        }
        let info = await context.call("invoice", "user", "saveinfo", selection)
        guard info.ok else {
            if info.needsLogin { return ErrorPage.refused(context, info) }
            return context.redirect("/my/orders", flash: Flash.errorMark + info.message)
        }
        var failure: String?
        if request.isPost {
            var params = context.formParams
            for (key, value) in selection { params[key] = value }
            let answer = await context.call("invoice", "user", "save", params)
            if answer.ok { return context.redirect("/my/applications", flash: answer.message) }
            if answer.needsLogin { return ErrorPage.refused(context, answer) }
            failure = answer.message
        }
        let values = request.isPost ? request.form.values : (info.data["data"]?.objectValue ?? [:])
        let title = context.t(CustomerText.apply)
        let notice: HTML = failure.map { Components.notice($0, error: true) } ?? ""
        let body = notice + form(context, info.data, values, selection, action: request.path)
        return .page(Layout.page(context, title: title, body), status: failure == nil ? 200 : 422)
    }

    /// The orders chosen on the orders page (`ids[]`, or `ids` as "1,2").
    private static func ids(_ request: DashboardRequest) -> String {
        for source in [request.form, request.query] {
            if let list = source["ids"]?.arrayValue { return list.compactMap(\.stringValue).joined(separator: ",") }
            if let text = source.string("ids") { return text }
        }
        return ""
    }

    private static func form(_ context: PageContext, _ info: JSON, _ values: JSONObject, _ selection: JSONObject, action: String) -> HTML {
        let text = { (name: String) in values[name]?.stringValue ?? "" }
        let base = info["save_base_data"] ?? .null
        let summary = Components.facts([
            (context.t(CustomerText.orders), "\(base["business_desc"]?.stringValue ?? "")"),
            (context.t(CommonText.amount), "\(base["total_price"]?.stringValue ?? "")"),
        ])
        let choices = { (key: String) -> [(value: String, label: String)] in
            (info[key]?.arrayValue ?? []).map { (String($0["id"]?.intValue ?? 0), $0["name"]?.stringValue ?? "") }
        }
        let contents = (info["invoice_content_list"]?.arrayValue ?? []).compactMap(\.stringValue)
        let contentField =
            contents.isEmpty
            ? Components.input(context.t(CustomerText.fields["invoice_content"]!), name: "invoice_content", value: text("invoice_content"))
            : Components.select(
                context.t(CustomerText.fields["invoice_content"]!), name: "invoice_content", options: contents.map { ($0, $0) },
                selected: text("invoice_content"))
        let hidden = selection.map { key, value -> HTML in "<input type=\"hidden\" name=\"\(key)\" value=\"\(value.stringValue ?? "")\">" }
            .joined
        var parts: [HTML] = [
            hidden,
            Components.select(
                context.t(en: "Invoice type", zh: "发票类型", fa: "نوع فاکتور"), name: "invoice_type",
                options: choices("can_invoice_type_list"),
                selected: text("invoice_type")),
            Components.select(
                context.t(en: "Applicant", zh: "申请类型", fa: "نوع متقاضی"), name: "apply_type", options: choices("apply_type_list"),
                selected: text("apply_type")),
            contentField,
        ]
        for field in fields {
            let label = context.t(CustomerText.fields[field.name]!)
            let input =
                field.name == "user_note"
                ? Components.textarea(label, name: field.name, value: text(field.name))
                : Components.input(label, name: field.name, value: text(field.name), type: field.name == "email" ? "email" : "text")
            parts.append(field.when.map { when -> HTML in "<div class=\"conditional\" data-when=\"\(when)\">\(input)</div>" } ?? input)
        }
        parts.append(Components.submit(context.t(en: "Submit application", zh: "提交申请", fa: "ثبت درخواست")))
        let notes = (info["base"]?["invoice_desc"]?.arrayValue ?? []).compactMap(\.stringValue).map { line -> HTML in "<li>\(line)</li>" }
        let notesHTML: HTML = notes.isEmpty ? "" : "<ul class=\"notes\">\(notes)</ul>"
        return summary + notesHTML + Components.form(context, action: action, classes: "stack application-form", parts.joined)
    }
}
