import PluginSDK

/// The invoice plugin's messages, in English, Chinese and Persian.
enum InvoiceMessages {
    static func illegalTransition(from: InvoiceStatus, to: InvoiceStatus) -> KernelError {
        .invalid(LocalizedText(
            en: "an invoice that is \(from.rawValue) cannot become \(to.rawValue)",
            zh: "状态为 \(from.rawValue) 的发票不能变为 \(to.rawValue)",
            fa: "صورتحساب در وضعیت \(from.rawValue) نمی‌تواند \(to.rawValue) شود"))
    }

    static let notPending = KernelError.invalid(LocalizedText(
        en: "only a pending invoice can be changed", zh: "只有待支付的发票可以修改", fa: "فقط صورتحساب در انتظار پرداخت قابل تغییر است"))

    static let expired = KernelError.invalid(LocalizedText(
        en: "the invoice has expired", zh: "发票已过期", fa: "مهلت پرداخت صورتحساب گذشته است"))

    static let noLines = KernelError.invalid(LocalizedText(
        en: "an invoice needs at least one product line", zh: "发票至少需要一个商品行", fa: "صورتحساب دست‌کم یک ردیف کالا لازم دارد"))

    static func amountMismatch(expected: String) -> KernelError {
        .invalid(LocalizedText(
            en: "the amount paid must equal the invoice total \(expected)",
            zh: "支付金额必须等于发票总额 \(expected)",
            fa: "مبلغ پرداختی باید برابر جمع صورتحساب \(expected) باشد"))
    }

    static func refundTooLarge(remaining: String) -> KernelError {
        .invalid(LocalizedText(
            en: "at most \(remaining) can still be refunded", zh: "最多还可退款 \(remaining)", fa: "حداکثر \(remaining) قابل بازپرداخت است"))
    }

    static func currencyMismatch(expected: String) -> KernelError {
        .invalid(LocalizedText(
            en: "the currency must be \(expected)", zh: "币种必须为 \(expected)", fa: "واحد پول باید \(expected) باشد"))
    }

    static func idempotencyKeyReused(_ key: String) -> KernelError {
        KernelError(code: .conflict, message: LocalizedText(
            en: "idempotency key '\(key)' was already used with different parameters",
            zh: "幂等键 '\(key)' 已用于不同的参数",
            fa: "کلید یکتایی '\(key)' پیش‌تر با پارامترهای دیگری به کار رفته است"))
    }

    static let unknownUser = KernelError.invalid(LocalizedText(
        en: "user_id is not a customer of this store", zh: "user_id 不是本店铺的用户", fa: "user_id مشتری این فروشگاه نیست"))

    /// The dashboard rule: only money actually received through a gateway can be invoiced.
    static func notRealMoney(gateways: [String]) -> KernelError {
        let list = gateways.joined(separator: ", ")
        return .invalid(LocalizedText(
            en: "only orders paid successfully with \(list) have an invoice; balance-paid, unpaid, failed and canceled orders do not",
            zh: "只有通过 \(list) 成功支付的订单才能开票；余额支付、未支付、失败或已取消的订单不能开票",
            fa: "فقط سفارش‌هایی که با \(list) با موفقیت پرداخت شده‌اند صورتحساب دارند؛ سفارش‌های پرداخت با موجودی، پرداخت‌نشده، ناموفق یا لغوشده ندارند"))
    }

    static let invalidSignature = KernelError(code: .failure, message: LocalizedText(
        en: "invalid or missing signature", zh: "签名无效或缺失", fa: "امضا نامعتبر است یا ارسال نشده"))

    static let gatewayNotConfigured = KernelError.invalid(LocalizedText(
        en: "this gateway is not configured for the store", zh: "本店铺未配置该支付网关", fa: "این درگاه برای فروشگاه پیکربندی نشده است"))

    static let eventIgnored = LocalizedText(en: "event ignored", zh: "事件已忽略", fa: "رویداد نادیده گرفته شد")
    static let eventAlreadyHandled = LocalizedText(en: "event already handled", zh: "事件已处理", fa: "رویداد قبلاً پردازش شده است")

    /// What merchants and admins are told for an invoice that has no PDF.
    static let noMerchantPDF = KernelError.invalid(LocalizedText(
        en: "only invoices paid with real money (a receipt) and unpaid invoices that can still be paid (a pro forma) have a PDF",
        zh: "只有以真实货币支付的订单（付款凭证）和仍可支付的未付款订单（待付款账单）才有 PDF",
        fa: "فقط صورتحساب‌های پرداخت‌شده با پول واقعی (رسید) و صورتحساب‌های پرداخت‌نشده‌ای که هنوز قابل پرداخت‌اند (پیش‌فاکتور) PDF دارند"))

    static let logoNotBase64 = KernelError(code: .badParameter, message: LocalizedText(
        en: "store_logo must be a PNG as base64 text or an uploaded file (an empty string removes the logo)",
        zh: "store_logo 必须是 base64 文本或上传的 PNG 文件（空字符串表示删除标志）",
        fa: "store_logo باید یک PNG به صورت متن base64 یا فایل بارگذاری‌شده باشد (رشته خالی لوگو را حذف می‌کند)"))

    static let logoNotPNG = KernelError(code: .badParameter, message: LocalizedText(
        en: "store_logo is not a PNG image", zh: "store_logo 不是 PNG 图片", fa: "store_logo تصویر PNG نیست"))

    static let logoUndecodable = KernelError(code: .badParameter, message: LocalizedText(
        en: "store_logo is a damaged PNG: it does not decode", zh: "store_logo 是损坏的 PNG，无法解码",
        fa: "store_logo یک PNG خراب است و باز نمی‌شود"))

    static func logoTooLarge(bytes: Int, limit: Int) -> KernelError {
        KernelError(code: .badParameter, message: LocalizedText(
            en: "store_logo is \(bytes) bytes; at most \(limit) bytes",
            zh: "store_logo 为 \(bytes) 字节，最多 \(limit) 字节",
            fa: "store_logo ‏\(bytes) بایت است؛ حداکثر \(limit) بایت"))
    }

    static func logoTooManyPixels(width: Int, height: Int, limit: Int) -> KernelError {
        KernelError(code: .badParameter, message: LocalizedText(
            en: "store_logo is \(width)x\(height) pixels; at most \(limit) on each side",
            zh: "store_logo 为 \(width)x\(height) 像素，每边最多 \(limit)",
            fa: "store_logo ‏\(width)x\(height) پیکسل است؛ هر ضلع حداکثر \(limit)"))
    }
}
