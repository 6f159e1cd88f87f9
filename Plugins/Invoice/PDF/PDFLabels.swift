import PluginSDK

/// Every word printed on an invoice PDF, in English, Chinese and Persian. The Chinese document
/// never calls itself 发票 (fapiao, the official tax invoice): a paid invoice is a payment voucher
/// (付款凭证), an unpaid one a bill (待付款账单); 发票 appears only in the tax-invoice
/// application's block.
enum PDFLabels {
    static let invoice = LocalizedText(en: "INVOICE", zh: "付款凭证", fa: "صورتحساب")
    static let proForma = LocalizedText(en: "PRO FORMA INVOICE", zh: "待付款账单", fa: "پیش‌فاکتور")
    static let number = LocalizedText(en: "Invoice no.", zh: "单据编号", fa: "شماره صورتحساب")
    static let issued = LocalizedText(en: "Issued", zh: "开单日期", fa: "تاریخ صدور")
    static let due = LocalizedText(en: "Due date", zh: "付款截止", fa: "مهلت پرداخت")
    static let paidAt = LocalizedText(en: "Paid", zh: "支付时间", fa: "زمان پرداخت")
    static let billTo = LocalizedText(en: "Bill to", zh: "付款方", fa: "مشخصات خریدار")
    static let taxID = LocalizedText(en: "Tax ID", zh: "税号", fa: "شناسه مالیاتی")
    static let paymentMethod = LocalizedText(en: "Payment method", zh: "支付方式", fa: "روش پرداخت")
    static let transaction = LocalizedText(en: "Transaction ID", zh: "交易号", fa: "شناسه تراکنش")
    static let status = LocalizedText(en: "Status", zh: "状态", fa: "وضعیت")
    static let taxInvoice = LocalizedText(en: "Tax invoice application", zh: "发票申请", fa: "درخواست فاکتور رسمی")
    static let taxTitle = LocalizedText(en: "Title", zh: "发票抬头", fa: "عنوان")
    static let taxpayerID = LocalizedText(en: "Taxpayer ID", zh: "纳税人识别号", fa: "شناسه مالیاتی")
    static let lineNumber = LocalizedText(en: "#", zh: "序号", fa: "ردیف")
    static let item = LocalizedText(en: "Item", zh: "商品", fa: "شرح کالا")
    static let quantity = LocalizedText(en: "Qty", zh: "数量", fa: "تعداد")
    static let unitPrice = LocalizedText(en: "Unit price", zh: "单价", fa: "فی")
    static let discount = LocalizedText(en: "Discount", zh: "折扣", fa: "تخفیف")
    static let coupon = LocalizedText(en: "Coupon", zh: "优惠券", fa: "کوپن")
    static let tax = LocalizedText(en: "Tax", zh: "税额", fa: "مالیات")
    static let amount = LocalizedText(en: "Amount", zh: "金额", fa: "مبلغ")
    static let subtotal = LocalizedText(en: "Subtotal", zh: "小计", fa: "جمع جزء")
    static let vat = LocalizedText(en: "VAT", zh: "增值税", fa: "مالیات بر ارزش افزوده")
    static let vatIncluded = LocalizedText(en: "VAT (included)", zh: "增值税（已含）", fa: "مالیات بر ارزش افزوده (شامل)")
    static let total = LocalizedText(en: "Total", zh: "合计", fa: "مبلغ کل")
    static let refunded = LocalizedText(en: "Refunded", zh: "已退款", fa: "بازپرداخت شده")
    static let page = LocalizedText(en: "Page", zh: "页", fa: "صفحه")
    static let continued = LocalizedText(en: "continued", zh: "续", fa: "ادامه")
    static let voucher = LocalizedText(
        en: "This invoice confirms the payment above and may be kept as a voucher for reimbursement and reconciliation.",
        zh: "本凭证确认上述付款，可留存用于报销和对账。",
        fa: "این صورتحساب پرداخت بالا را تأیید می‌کند و می‌تواند به عنوان سند هزینه و تطبیق حساب نگهداری شود.")
    static let unpaidNotice = LocalizedText(
        en: "UNPAID · This pro forma invoice is a request for payment, not a receipt.",
        zh: "未付款 · 本账单仅用于请求付款，不是付款凭证。",
        fa: "پرداخت نشده · این پیش‌فاکتور درخواست پرداخت است، نه رسید پرداخت.")
    static let proFormaFooter = LocalizedText(
        en: "A receipt is issued once the amount above is paid.",
        zh: "付款完成后另行出具付款凭证。",
        fa: "پس از پرداخت مبلغ بالا، رسید پرداخت صادر می‌شود.")
    static let payOnline = LocalizedText(en: "Pay online", zh: "在线支付", fa: "پرداخت آنلاین")

    static func invoiceStatus(_ status: InvoiceStatus) -> LocalizedText {
        switch status {
        case .paid: LocalizedText(en: "Paid", zh: "已支付", fa: "پرداخت شده")
        case .partiallyRefunded: LocalizedText(en: "Paid, partly refunded", zh: "已支付，部分退款", fa: "پرداخت شده، بخشی بازپرداخت شده")
        case .refunded: LocalizedText(en: "Refunded", zh: "已退款", fa: "بازپرداخت شده")
        case .pending: LocalizedText(en: "Awaiting payment", zh: "待支付", fa: "در انتظار پرداخت")
        case .canceled: LocalizedText(en: "Canceled", zh: "已取消", fa: "لغو شده")
        case .failed: LocalizedText(en: "Failed", zh: "失败", fa: "ناموفق")
        case .expired: LocalizedText(en: "Expired", zh: "已过期", fa: "منقضی")
        }
    }
}
