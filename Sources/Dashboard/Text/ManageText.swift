import Kernel
import PluginSDK

/// Words of the merchant and admin pages.
enum ManageText {
    static let invoices = LocalizedText(en: "Invoices", zh: "发票", fa: "صورتحساب‌ها")
    static let storeSettings = LocalizedText(en: "Store settings", zh: "店铺设置", fa: "تنظیمات فروشگاه")
    static let invoiceSettings = LocalizedText(en: "Invoice settings", zh: "发票设置", fa: "تنظیمات فاکتور")
    static let applications = LocalizedText(en: "Applications", zh: "开票申请", fa: "درخواست‌ها")
    static let schedules = LocalizedText(en: "Schedules", zh: "定期发票", fa: "زمان‌بندی‌ها")
    static let deliveries = LocalizedText(en: "Deliveries", zh: "发送记录", fa: "ارسال‌ها")
    static let plugins = LocalizedText(en: "Plugins", zh: "插件", fa: "افزونه‌ها")
    static let users = LocalizedText(en: "Users", zh: "用户", fa: "کاربران")
    static let admins = LocalizedText(en: "Admins", zh: "管理员", fa: "مدیران")
    static let stores = LocalizedText(en: "Stores", zh: "店铺", fa: "فروشگاه‌ها")
    static let apiKeys = LocalizedText(en: "API keys", zh: "API 密钥", fa: "کلیدهای API")
    static let kind = LocalizedText(en: "Kind", zh: "类型", fa: "نوع")
    static let user = LocalizedText(en: "User", zh: "用户", fa: "کاربر")
    static let cancel = LocalizedText(en: "Cancel invoice", zh: "取消发票", fa: "لغو صورتحساب")
    static let refund = LocalizedText(en: "Refund", zh: "退款", fa: "بازپرداخت")
    static let refundHint = LocalizedText(
        en: "Leave empty to refund everything not yet refunded.", zh: "留空则退还全部未退金额。", fa: "برای بازپرداخت کل باقی‌مانده خالی بگذارید.")
    static let hostedLink = LocalizedText(en: "Hosted invoice page", zh: "发票托管页面", fa: "صفحهٔ میزبانی‌شدهٔ صورتحساب")
    static let switchStore = LocalizedText(en: "Act for store", zh: "当前店铺", fa: "فروشگاه فعلی")
    static let go = LocalizedText(en: "Go", zh: "切换", fa: "برو")
    static let approve = LocalizedText(en: "Approve", zh: "审核通过", fa: "تأیید")
    static let refuse = LocalizedText(en: "Refuse", zh: "拒绝", fa: "رد")
    static let issue = LocalizedText(en: "Issue", zh: "开票", fa: "صدور")
    static let configure = LocalizedText(en: "Configure", zh: "配置", fa: "پیکربندی")
    static let shownOnce = LocalizedText(
        en: "Copy it now: it is shown only this once.", zh: "请立即复制：仅显示这一次。", fa: "همین حالا کپی کنید: فقط یک بار نمایش داده می‌شود.")

    /// The navigation of admin pages.
    static let sections: [(String, LocalizedText)] = [
        ("/manage/invoices", invoices), ("/manage/applications", applications), ("/manage/schedules", schedules),
        ("/manage/deliveries", deliveries), ("/manage/settings", storeSettings), ("/manage/invoice-config", invoiceSettings),
        ("/manage/plugins", plugins), ("/manage/users", users), ("/manage/admins", admins), ("/manage/stores", stores),
        ("/manage/apikeys", apiKeys), ("/manage/profile", CommonText.profile),
    ]
}
