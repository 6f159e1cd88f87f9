import PluginSDK

/// Every word printed on an invoice PDF, in English, Chinese and Persian.
enum PDFLabels {
    static let invoice = LocalizedText(en: "INVOICE", zh: "发票", fa: "صورتحساب")
    static let number = LocalizedText(en: "Invoice no.", zh: "发票号码", fa: "شماره صورتحساب")
    static let issued = LocalizedText(en: "Issued", zh: "开具日期", fa: "تاریخ صدور")
    static let paidAt = LocalizedText(en: "Paid", zh: "支付时间", fa: "زمان پرداخت")
    static let customer = LocalizedText(en: "Customer", zh: "客户", fa: "مشتری")
    static let paymentMethod = LocalizedText(en: "Payment method", zh: "支付方式", fa: "روش پرداخت")
    static let transaction = LocalizedText(en: "Transaction ID", zh: "交易号", fa: "شناسه تراکنش")
    static let status = LocalizedText(en: "Status", zh: "状态", fa: "وضعیت")
    static let taxInvoice = LocalizedText(en: "Tax invoice", zh: "税务发票", fa: "فاکتور رسمی")
    static let taxTitle = LocalizedText(en: "Title", zh: "发票抬头", fa: "عنوان")
    static let taxpayerID = LocalizedText(en: "Taxpayer ID", zh: "纳税人识别号", fa: "شناسه مالیاتی")
    static let lineNumber = LocalizedText(en: "#", zh: "序号", fa: "ردیف")
    static let item = LocalizedText(en: "Item", zh: "商品", fa: "شرح کالا")
    static let quantity = LocalizedText(en: "Qty", zh: "数量", fa: "تعداد")
    static let unitPrice = LocalizedText(en: "Unit price", zh: "单价", fa: "فی")
    static let discount = LocalizedText(en: "Discount", zh: "折扣", fa: "تخفیف")
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
        zh: "本发票确认上述付款，可作为报销和对账凭证保存。",
        fa: "این صورتحساب پرداخت بالا را تأیید می‌کند و می‌تواند به عنوان سند هزینه و تطبیق حساب نگهداری شود.")

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
