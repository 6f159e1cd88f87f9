import Kernel
import PluginSDK

/// `/manage/invoice-config`: ShopXO's invoice settings and content types (`invoice/admin/saveinfo`
/// gives the values and the choices, `invoice/admin/save` checks and stores them).
enum InvoiceConfigPage {
    static let flags: [(String, LocalizedText)] = [
        ("is_invoice_order", LocalizedText(en: "Orders can be invoiced", zh: "订单可开票", fa: "صدور فاکتور برای سفارش‌ها")),
        ("is_invoice_recharge", LocalizedText(en: "Recharges can be invoiced", zh: "充值可开票", fa: "صدور فاکتور برای شارژها")),
        ("is_order_submit_invoice", LocalizedText(en: "Offer invoicing at checkout", zh: "下单时可申请发票", fa: "پیشنهاد فاکتور هنگام خرید")),
        ("is_user_quick_select", LocalizedText(en: "Quick choice of past details", zh: "用户快捷选择", fa: "انتخاب سریع اطلاعات قبلی")),
        (
            "is_app_invoice_default_last_info",
            LocalizedText(en: "App prefills the last details", zh: "App 默认上次信息", fa: "پرکردن خودکار در اپ")
        ),
        (
            "is_web_invoice_default_last_info",
            LocalizedText(en: "Web prefills the last details", zh: "Web 默认上次信息", fa: "پرکردن خودکار در وب")
        ),
    ]
    static let minutes: [(String, LocalizedText)] = [
        (
            "order_success_start_time",
            LocalizedText(
                en: "Minutes after payment before an order can be invoiced", zh: "订单支付后多少分钟可开票", fa: "دقیقه پس از پرداخت تا امکان صدور")
        ),
        (
            "order_add_max_time",
            LocalizedText(
                en: "Minutes after payment an order can still be invoiced (0: no limit)", zh: "订单支付后多少分钟内可开票（0 不限）",
                fa: "مهلت صدور برای سفارش به دقیقه (۰: بدون محدودیت)")
        ),
        (
            "recharge_add_max_time",
            LocalizedText(
                en: "Minutes after payment a recharge can still be invoiced (0: no limit)", zh: "充值后多少分钟内可开票（0 不限）",
                fa: "مهلت صدور برای شارژ به دقیقه (۰: بدون محدودیت)")
        ),
    ]
    static let lines: [(String, LocalizedText)] = [
        ("invoice_content_type", LocalizedText(en: "Content types (one a line)", zh: "发票内容类型（每行一个）", fa: "انواع شرح فاکتور (هر خط یکی)")),
        ("invoice_desc", LocalizedText(en: "Notes shown on the form (one a line)", zh: "表单说明（每行一条）", fa: "توضیحات فرم (هر خط یکی)")),
    ]

    static func handle(_ context: PageContext) async -> DashboardResponse {
        var failure: Answer?
        if context.request.isPost {
            let answer = await context.call("invoice", "admin", "save", context.formParams)
            if answer.ok || answer.needsLogin { return context.after(answer, redirect: "/manage/invoice-config") }
            failure = answer
        }
        let answer = await context.call("invoice", "admin", "saveinfo")
        guard answer.ok else { return ErrorPage.refused(context, answer) }
        let config = answer.data["data"] ?? .null
        let value = { (key: String) -> String in
            context.request.isPost ? context.request.form.string(key) ?? "" : config[key]?.stringValue ?? ""
        }
        var parts: [HTML] = flags.map { key, label in
            Components.select(
                context.t(label), name: key, options: [("1", context.t(CommonText.yes)), ("0", context.t(CommonText.no))],
                selected: value(key))
        }
        parts += minutes.map { key, label in
            Components.input(context.t(label), name: key, value: value(key), type: "number", extra: " min=\"0\"")
        }
        let offered = Set((config["can_invoice_type"]?.arrayValue ?? []).compactMap(\.stringValue))
        let types = (answer.data["can_invoice_type_list"]?.arrayValue ?? []).map { type -> HTML in
            let id = String(type["id"]?.intValue ?? 0)
            return Components.checkbox(
                type["name"]?.stringValue ?? id, name: "can_invoice_type[]", checked: offered.contains(id), value: id, id: "type-\(id)")
        }
        parts.append(
            "<fieldset><legend>\(context.t(en: "Invoice types offered", zh: "可开发票类型", fa: "انواع فاکتور قابل ارائه"))</legend>\(types)</fieldset>"
        )
        parts += lines.map { key, label in
            let text =
                context.request.isPost
                ? context.request.form.string(key) ?? "" : (config[key]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "\n")
            return Components.textarea(context.t(label), name: key, value: text, rows: 4)
        }
        parts.append(Components.submit(context.t(CommonText.save)))
        let body = (failure.map(Components.failure) ?? "") + Components.form(context, action: "/manage/invoice-config", parts.joined)
        return ManageRouter.page(context, title: context.t(ManageText.invoiceSettings), body, status: failure == nil ? 200 : 422)
    }
}
