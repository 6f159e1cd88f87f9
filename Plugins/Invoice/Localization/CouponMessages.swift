import PluginSDK

/// What the coupon catalog and the lines that use it answer, in English, Chinese and Persian.
enum CouponMessages {
    static let disabled = LocalizedText(en: "it is disabled", zh: "已停用", fa: "غیرفعال است")
    static let notYet = LocalizedText(en: "it is not valid yet", zh: "尚未生效", fa: "هنوز معتبر نیست")
    static let ended = LocalizedText(en: "it has ended", zh: "已过期", fa: "منقضی شده است")
    static let usedUp = LocalizedText(en: "its usage limit is reached", zh: "已达使用次数上限", fa: "سقف استفاده از آن پر شده است")

    static func otherCurrency(_ code: String) -> LocalizedText {
        LocalizedText(en: "it is for \(code) invoices", zh: "仅适用于 \(code) 发票", fa: "فقط برای صورتحساب‌های \(code) است")
    }

    /// A coupon that exists but cannot be used, and why.
    static func unusable(_ code: String, _ reason: LocalizedText) -> KernelError {
        KernelError.invalid(
            LocalizedText(
                en: "coupon \(code) cannot be used: \(reason.en)", zh: "优惠券 \(code) 不可用：\(reason.zh)",
                fa: "کوپن \(code) قابل استفاده نیست: \(reason.fa)"))
    }

    /// Codes that name no coupon of the store.
    static func unknown(_ field: String, _ codes: [String]) -> KernelError {
        let list = codes.joined(separator: ", ")
        return KernelError.invalid(
            LocalizedText(en: "\(field): unknown coupon(s) \(list)", zh: "\(field)：未知优惠券 \(list)", fa: "\(field): کوپن(های) ناشناخته \(list)"))
    }

    static let oneCoupon = KernelError.invalid(
        LocalizedText(
            en: "an invoice takes one coupon: its lines name different ones", zh: "一张发票只能使用一张优惠券：各行使用了不同的优惠券",
            fa: "هر صورتحساب فقط یک کوپن می‌پذیرد: سطرهای آن کوپن‌های متفاوتی دارند"))

    static let codeTaken = KernelError(
        code: .conflict,
        message: LocalizedText(en: "the store already has a coupon with this code", zh: "本店已有该编号的优惠券", fa: "این فروشگاه کوپنی با این کد دارد"))

    static let windowReversed = KernelError.invalid(
        LocalizedText(en: "ends_at must be after starts_at", zh: "ends_at 必须晚于 starts_at", fa: "ends_at باید بعد از starts_at باشد"))

    static func limitBelowUsed(_ used: Int64) -> KernelError {
        KernelError.invalid(
            LocalizedText(
                en: "usage_limit cannot be below the \(used) uses already made", zh: "usage_limit 不能小于已使用的 \(used) 次",
                fa: "usage_limit نمی‌تواند کمتر از \(used) استفادهٔ انجام‌شده باشد"))
    }
}
