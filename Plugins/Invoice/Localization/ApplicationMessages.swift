import PluginSDK

/// The messages of tax-invoice applications and their config, in English, Chinese and Persian.
enum ApplicationMessages {
    static func businessClosed(_ kind: InvoiceKind) -> KernelError {
        switch kind {
        case .order:
            .invalid(LocalizedText(
                en: "invoices for orders are not offered at the moment", zh: "当前不支持订单开票",
                fa: "در حال حاضر برای سفارش‌ها فاکتور صادر نمی‌شود"))
        case .recharge:
            .invalid(LocalizedText(
                en: "invoices for recharges are not offered at the moment", zh: "当前不支持充值开票",
                fa: "در حال حاضر برای شارژها فاکتور صادر نمی‌شود"))
        }
    }

    static func alreadyApplied(_ number: String) -> KernelError {
        .invalid(LocalizedText(
            en: "\(number) is already in another invoice application", zh: "\(number) 已在其他开票申请中",
            fa: "\(number) در درخواست فاکتور دیگری آمده است"))
    }

    static func tooNew(_ number: String, minutes: Int64) -> KernelError {
        .invalid(LocalizedText(
            en: "\(number) can be invoiced \(minutes) minutes after payment; please try again later",
            zh: "\(number) 需在支付 \(minutes) 分钟后才能申请开票，请稍后再试",
            fa: "برای \(number) تا \(minutes) دقیقه پس از پرداخت نمی‌توان فاکتور خواست؛ کمی بعد دوباره تلاش کنید"))
    }

    static func tooOld(_ number: String, minutes: Int64) -> KernelError {
        .invalid(LocalizedText(
            en: "\(number) was paid more than \(minutes) minutes ago and can no longer be invoiced",
            zh: "\(number) 支付已超过 \(minutes) 分钟，不能再申请开票",
            fa: "بیش از \(minutes) دقیقه از پرداخت \(number) گذشته و دیگر نمی‌توان برای آن فاکتور خواست"))
    }

    static let mixedCurrencies = KernelError.invalid(LocalizedText(
        en: "orders paid in different currencies cannot share one invoice", zh: "不同币种的订单不能合并开票",
        fa: "سفارش‌هایی که با ارزهای مختلف پرداخت شده‌اند در یک فاکتور نمی‌آیند"))

    static let notEditable = KernelError.invalid(LocalizedText(
        en: "only an application pending review or refused can be changed", zh: "只有待审核或已拒绝的申请可以修改",
        fa: "فقط درخواستِ در انتظار بررسی یا ردشده قابل ویرایش است"))

    static let notDeletable = KernelError.invalid(LocalizedText(
        en: "only applications pending review or refused can be deleted; nothing was deleted",
        zh: "只有待审核或已拒绝的申请可以删除，本次未删除任何申请",
        fa: "فقط درخواست‌های در انتظار بررسی یا ردشده حذف می‌شوند؛ چیزی حذف نشد"))

    static let invoiceTypeNotOffered = KernelError.invalid(LocalizedText(
        en: "please choose one of the invoice types offered", zh: "请选择可开具的发票类型",
        fa: "لطفاً یکی از انواع فاکتورِ ارائه‌شده را انتخاب کنید"))

    static let applyTypeUnknown = KernelError.invalid(LocalizedText(
        en: "please choose individual or company", zh: "请选择个人或企业", fa: "لطفاً شخص حقیقی یا حقوقی را انتخاب کنید"))

    static let specialNeedsCompany = KernelError.invalid(LocalizedText(
        en: "a VAT special invoice can only be issued to a company", zh: "增值税专用发票只能开给企业",
        fa: "فاکتور ویژهٔ ارزش افزوده فقط برای شرکت صادر می‌شود"))

    static func required(_ field: LocalizedText) -> KernelError {
        .invalid(LocalizedText(
            en: "please fill in: \(field.en)", zh: "请填写\(field.zh)", fa: "لطفاً «\(field.fa)» را وارد کنید"))
    }

    static let emailRequired = KernelError.invalid(LocalizedText(
        en: "an electronic invoice is sent by email: please fill in your email address",
        zh: "电子发票将发送到邮箱，请填写电子邮箱", fa: "فاکتور الکترونیکی با ایمیل فرستاده می‌شود؛ لطفاً نشانی ایمیل را وارد کنید"))

    static let emailMalformed = KernelError.invalid(LocalizedText(
        en: "the email address is not valid", zh: "电子邮箱格式不正确", fa: "نشانی ایمیل معتبر نیست"))

    static let contentNotOffered = KernelError.invalid(LocalizedText(
        en: "please choose one of the invoice contents offered", zh: "请选择可用的发票内容",
        fa: "لطفاً یکی از شرح‌های فاکتورِ ارائه‌شده را انتخاب کنید"))

    static func tooLong(_ field: LocalizedText, max: Int) -> KernelError {
        .invalid(LocalizedText(
            en: "\(field.en) is longer than \(max) characters", zh: "\(field.zh)不能超过 \(max) 个字符",
            fa: "«\(field.fa)» از \(max) نویسه بلندتر است"))
    }

    static let notPendingReview = KernelError.invalid(LocalizedText(
        en: "only an application pending review can be audited", zh: "只有待审核的申请可以审核",
        fa: "فقط درخواستِ در انتظار بررسی قابل بررسی است"))

    static let auditChoice = KernelError.invalid(LocalizedText(
        en: "status must be 1 (approve) or 3 (refuse)", zh: "审核状态只能为 1（通过）或 3（拒绝）",
        fa: "وضعیت باید ۱ (تأیید) یا ۳ (رد) باشد"))

    static let refuseReasonRequired = KernelError.invalid(LocalizedText(
        en: "please give the reason for refusing", zh: "请填写拒绝原因", fa: "لطفاً دلیل رد را بنویسید"))

    static let notToBeIssued = KernelError.invalid(LocalizedText(
        en: "only an approved application waiting to be issued can be issued", zh: "只有审核通过、待开票的申请可以开票",
        fa: "فقط درخواستِ تأییدشده‌ای که در انتظار صدور است صادر می‌شود"))

    static let electronicInvoiceRequired = KernelError.invalid(LocalizedText(
        en: "an electronic invoice needs its files: electronic_invoice as [{title, url}] with http or https urls (at most 20)",
        zh: "电子发票需要提供发票文件：electronic_invoice 为 [{title, url}]，url 须为 http 或 https（最多 20 个）",
        fa: "فاکتور الکترونیکی فایل لازم دارد: electronic_invoice به شکل [{title, url}] با نشانی http یا https (حداکثر ۲۰)"))

    static let expressRequired = KernelError.invalid(LocalizedText(
        en: "a paper invoice needs the courier (express_name) and the tracking number (express_number)",
        zh: "纸质发票需要填写快递公司和快递单号", fa: "فاکتور کاغذی نام شرکت پست و کد رهگیری لازم دارد"))

    /// An admin config value that is not accepted, naming the key and what it accepts.
    static func configInvalid(_ key: String, _ accepts: LocalizedText) -> KernelError {
        .invalid(LocalizedText(
            en: "\(key): \(accepts.en)", zh: "\(key)：\(accepts.zh)", fa: "\(key): \(accepts.fa)"))
    }

    static let acceptsFlag = LocalizedText(en: "must be 0 or 1", zh: "只能为 0 或 1", fa: "باید ۰ یا ۱ باشد")
    static let acceptsMinutes = LocalizedText(
        en: "must be empty or a whole number of minutes from 0 to 100000000", zh: "须为空或 0 到 100000000 之间的整数分钟",
        fa: "باید خالی یا عددی صحیح از ۰ تا ۱۰۰۰۰۰۰۰۰ دقیقه باشد")
    static let acceptsInvoiceTypes = LocalizedText(
        en: "must list at least one of 0, 1, 2, 3", zh: "须至少包含 0、1、2、3 中的一个", fa: "باید دست‌کم یکی از ۰، ۱، ۲، ۳ را داشته باشد")
    static let acceptsLines = LocalizedText(
        en: "must be at most 50 non-empty lines of at most 200 characters each",
        zh: "最多 50 行，每行不能为空且不超过 200 个字符", fa: "حداکثر ۵۰ سطر غیرخالی، هر سطر حداکثر ۲۰۰ نویسه")
}
