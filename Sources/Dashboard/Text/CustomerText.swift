import Kernel
import PluginSDK

/// Words of the customer pages.
enum CustomerText {
    static let orders = LocalizedText(en: "Orders", zh: "我的订单", fa: "سفارش‌ها")
    static let recharges = LocalizedText(en: "Recharges", zh: "我的充值", fa: "شارژها")
    static let applications = LocalizedText(en: "Tax invoices", zh: "发票申请", fa: "درخواست‌های فاکتور")
    static let order = LocalizedText(en: "Order", zh: "订单", fa: "سفارش")
    static let apply = LocalizedText(en: "Apply for a tax invoice", zh: "申请开票", fa: "درخواست فاکتور رسمی")
    static let choose = LocalizedText(en: "Choose", zh: "选择", fa: "انتخاب")
    static let invoice = LocalizedText(en: "Invoice", zh: "发票", fa: "صورتحساب")
    static let ordersCount = LocalizedText(en: "Orders found", zh: "订单数", fa: "تعداد سفارش‌ها")
    static let pageTotal = LocalizedText(en: "Paid on this page", zh: "本页实付合计", fa: "پرداختی این صفحه")

    /// Why an order has no invoice to view or cannot go into an application.
    static func reason(eligibility: String, state: String, payment: String) -> LocalizedText? {
        switch eligibility {
        case "eligible": return nil
        case "in_application": return LocalizedText(en: "Already in an application", zh: "已在开票申请中", fa: "در یک درخواست دیگر است")
        case "too_new": return LocalizedText(en: "Too new to invoice yet", zh: "订单完成时间过短，暂不可开票", fa: "هنوز برای صدور فاکتور زود است")
        case "too_old": return LocalizedText(en: "Too old to invoice", zh: "已超过可开票时间", fa: "مهلت صدور فاکتور گذشته است")
        default:
            switch state {
            case "failed": return LocalizedText(en: "Payment failed: no invoice", zh: "支付失败，无发票", fa: "پرداخت ناموفق: بدون صورتحساب")
            case "canceled": return LocalizedText(en: "Canceled: no invoice", zh: "已取消，无发票", fa: "لغوشده: بدون صورتحساب")
            case "pending", "expired": return LocalizedText(en: "Not paid: no invoice", zh: "未支付，无发票", fa: "پرداخت‌نشده: بدون صورتحساب")
            case "refunded": return LocalizedText(en: "Refunded: no invoice", zh: "已全额退款，无发票", fa: "بازپرداخت‌شده: بدون صورتحساب")
            default:
                return payment == "balance"
                    ? LocalizedText(en: "Paid from balance: no invoice", zh: "余额支付，不支持开票", fa: "پرداخت از موجودی: بدون صورتحساب")
                    : LocalizedText(
                        en: "Not paid with real money: no invoice", zh: "非真实货币支付，不支持开票", fa: "پرداخت با پول واقعی نبود: بدون صورتحساب")
            }
        }
    }

    /// The application form's field labels, by ShopXO field name.
    static let fields: [String: LocalizedText] = [
        "invoice_content": LocalizedText(en: "Invoice content", zh: "发票内容", fa: "شرح فاکتور"),
        "invoice_title": LocalizedText(en: "Invoice title (name or company)", zh: "发票抬头", fa: "عنوان فاکتور (نام یا شرکت)"),
        "invoice_code": LocalizedText(en: "Taxpayer ID", zh: "纳税人识别号", fa: "شناسهٔ مالیاتی"),
        "invoice_bank": LocalizedText(en: "Bank", zh: "开户银行", fa: "بانک"),
        "invoice_account": LocalizedText(en: "Bank account", zh: "银行账号", fa: "شمارهٔ حساب بانکی"),
        "invoice_tel": LocalizedText(en: "Company phone", zh: "企业电话", fa: "تلفن شرکت"),
        "invoice_address": LocalizedText(en: "Registered address", zh: "注册地址", fa: "نشانی ثبتی شرکت"),
        "name": LocalizedText(en: "Recipient", zh: "收件人", fa: "نام گیرنده"),
        "tel": LocalizedText(en: "Recipient phone", zh: "收件人电话", fa: "تلفن گیرنده"),
        "address": LocalizedText(en: "Mailing address", zh: "收件地址", fa: "نشانی پستی"),
        "email": LocalizedText(en: "Email (for e-invoices)", zh: "电子邮箱（电子发票）", fa: "ایمیل (برای فاکتور الکترونیکی)"),
        "user_note": LocalizedText(en: "Note", zh: "备注", fa: "یادداشت"),
    ]
}
