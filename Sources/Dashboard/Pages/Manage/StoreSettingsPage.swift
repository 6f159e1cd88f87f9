import Foundation
import Kernel
import PluginSDK

/// `/manage/settings`: the store's invoicing settings (`invoice/settings/view`), edited and saved
/// with `invoice/settings/save`. The form is built from the keys the view answers - a new key
/// (a tax id, a logo URL) shows up without a change here, typed by its JSON value: flags as
/// yes/no, numbers, lists as comma-separated text, secrets (`*_secret`, shown as set or not) as
/// write-only password fields; the logo (`store_logo`) is shown and replaced by a PNG upload or
/// removed; the time zone (`time_zone`) offers the zone names as suggestions.
enum StoreSettingsPage {
    /// Labels of the keys known today; any other key is labelled with its name.
    static let labels: [String: LocalizedText] = [
        "currency": LocalizedText(en: "Currency (ISO 4217)", zh: "币种（ISO 4217）", fa: "واحد پول (ISO 4217)"),
        "tax_rate_bp": LocalizedText(
            en: "Tax rate (basis points: 1300 = 13%)", zh: "税率（基点：1300 = 13%）", fa: "نرخ مالیات (صدم درصد: ۱۳۰۰ = ۱۳٪)"),
        "tax_inclusive": LocalizedText(en: "Prices include tax", zh: "价格含税", fa: "قیمت‌ها شامل مالیات است"),
        "number_pattern": LocalizedText(en: "Invoice number pattern", zh: "发票编号格式", fa: "الگوی شمارهٔ صورتحساب"),
        "yearly_reset": LocalizedText(en: "Restart numbering every year", zh: "每年重新编号", fa: "شماره‌گذاری هر سال از نو"),
        "real_money_gateways": LocalizedText(en: "Real-money gateways", zh: "真实货币支付方式", fa: "درگاه‌های پول واقعی"),
        "stripe_webhook_secret": LocalizedText(en: "Stripe webhook secret", zh: "Stripe Webhook 密钥", fa: "رمز وب‌هوک Stripe"),
        "paypal_webhook_secret": LocalizedText(en: "PayPal webhook secret", zh: "PayPal Webhook 密钥", fa: "رمز وب‌هوک PayPal"),
        "webhook_signing_secret": LocalizedText(
            en: "Signing secret of invoice webhooks", zh: "发票 Webhook 签名密钥", fa: "رمز امضای وب‌هوک‌های صورتحساب"),
        "store_name": LocalizedText(en: "Store name", zh: "店铺名称", fa: "نام فروشگاه"),
        "store_address": LocalizedText(en: "Store address", zh: "店铺地址", fa: "نشانی فروشگاه"),
        "pdf_language": LocalizedText(
            en: "PDF language (en, zh, fa or empty)", zh: "PDF 语言（en、zh、fa 或留空）", fa: "زبان PDF (en، zh، fa یا خالی)"),
        "pdf_calendar": LocalizedText(
            en: "PDF calendar (gregorian, persian or empty)", zh: "PDF 日历（gregorian、persian 或留空）",
            fa: "تقویم PDF (gregorian، persian یا خالی)"),
        "time_zone": LocalizedText(
            en: "Time zone (IANA name, e.g. Asia/Shanghai)", zh: "时区（IANA 名称，如 Asia/Shanghai）",
            fa: "منطقهٔ زمانی (نام IANA، مثلاً Asia/Tehran)"),
        "store_tax_id": LocalizedText(en: "Store tax id", zh: "店铺税号", fa: "شناسهٔ مالیاتی فروشگاه"),
        "store_logo": LocalizedText(en: "Logo (PNG, at most 48 KiB)", zh: "标志（PNG，不超过 48 KiB）", fa: "نشان (PNG، حداکثر ۴۸ کیلوبایت)"),
    ]

    static let logoKey = "store_logo"
    static let removeLogo = "remove_store_logo"
    static let timeZoneKey = "time_zone"
    /// The zone names the system knows, as suggestions of the time zone field (made once).
    static let zoneOptions: HTML = (["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") }.sorted())
        .map { name -> HTML in "<option value=\"\(name)\"></option>" }.joined

    static func handle(_ context: PageContext) async -> DashboardResponse {
        var failure: Answer?
        if context.request.isPost {
            let current = await context.callForStore("invoice", "settings", "view")
            let answer = await context.callForStore(
                "invoice", "settings", "save", changes(context, current.data["settings"]?.objectValue ?? [:]))
            if answer.ok || answer.needsLogin { return context.after(answer, redirect: "/manage/settings") }
            failure = answer
        }
        let answer = await context.callForStore("invoice", "settings", "view")
        guard answer.ok else { return ErrorPage.refused(context, answer) }
        let settings = answer.data["settings"]?.objectValue ?? [:]
        let fields = settings.map { key, value in field(context, key: key, value: value) }.joined
        let body =
            (failure.map(Components.failure) ?? "")
            + Components.form(context, action: "/manage/settings", multipart: true, fields + Components.submit(context.t(CommonText.save)))
        return ManageRouter.page(context, title: context.t(ManageText.storeSettings), body, status: failure == nil ? 200 : 422)
    }

    private static func field(_ context: PageContext, key: String, value: JSON) -> HTML {
        let label = labels[key].map { context.t($0) } ?? key
        let posted = context.request.isPost ? context.request.form.string(key) : nil
        if key == logoKey {
            let current: HTML = value["data_url"]?.stringValue.map { "<img class=\"logo\" alt=\"\(label)\" src=\"\($0)\">" } ?? ""
            return current + Components.input(label, name: key, type: "file", extra: " accept=\"image/png\"")
                + (value.isNull ? "" : Components.checkbox(context.t(en: "Remove the logo", zh: "移除标志", fa: "حذف نشان"), name: removeLogo, checked: false))
        }
        if key == timeZoneKey {
            return Components.input(label, name: key, value: posted ?? value.stringValue ?? "", extra: " list=\"time-zones\"")
                + "<datalist id=\"time-zones\">\(zoneOptions)</datalist>"
        }
        if key.hasSuffix("_secret") {
            let state =
                value.boolValue == true || !(value.stringValue ?? "").isEmpty
                ? context.t(en: "set; leave empty to keep", zh: "已设置；留空则保持不变", fa: "تنظیم شده؛ برای حفظ خالی بگذارید")
                : context.t(en: "not set", zh: "未设置", fa: "تنظیم نشده")
            return Components.input(label, name: key, type: "password", hint: state, extra: " autocomplete=\"off\"")
        }
        switch value {
        case .bool(let flag):
            let selected = posted ?? (flag ? "1" : "0")
            return Components.select(
                label, name: key, options: [("1", context.t(CommonText.yes)), ("0", context.t(CommonText.no))], selected: selected)
        case .int, .double:
            return Components.input(label, name: key, value: posted ?? value.stringValue ?? "", type: "number")
        case .array(let items):
            return Components.input(
                label, name: key, value: posted ?? items.compactMap(\.stringValue).joined(separator: ","),
                hint: context.t(en: "Comma-separated", zh: "用逗号分隔", fa: "با ویرگول جدا کنید"))
        default:
            return Components.input(label, name: key, value: posted ?? value.stringValue ?? "")
        }
    }

    /// The posted values of the keys the view answers, typed like them; secrets only when filled in.
    private static func changes(_ context: PageContext, _ current: JSONObject) -> JSONObject {
        var changes: JSONObject = [:]
        let form = context.request.form
        if form[removeLogo] != nil {
            changes[logoKey] = ""
        } else if let upload = form[logoKey], (upload["size"]?.intValue ?? 0) > 0 {
            changes[logoKey] = upload
        }
        for (key, value) in current where key != logoKey {
            guard let text = form.string(key) else { continue }
            if key.hasSuffix("_secret") {
                if !text.isEmpty { changes[key] = .string(text) }
                continue
            }
            switch value {
            case .array: changes[key] = .array(text.split(separator: ",").map { .string($0.trimmingSpaces()) }.filter { $0 != "" })
            default: changes[key] = .string(text)
            }
        }
        return changes
    }
}
