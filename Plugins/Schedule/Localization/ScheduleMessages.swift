import PluginSDK

/// Messages the schedule plugin answers with, in English, Chinese and Persian.
enum ScheduleMessages {
    static let codeTaken = KernelError(
        code: .conflict, message: LocalizedText(en: "this code is already used in the store", zh: "该编号在本店已被使用", fa: "این کد در فروشگاه قبلاً استفاده شده است"))
    static let noRecipients = KernelError.invalid(
        LocalizedText(
            en: "customers or tagIds must name at least one customer", zh: "customers 或 tagIds 至少需要一个客户",
            fa: "customers یا tagIds باید دست‌کم یک مشتری را مشخص کند"))
    static let notActive = KernelError.invalid(
        LocalizedText(en: "the schedule is not active", zh: "该计划未处于进行中", fa: "این زمان‌بندی فعال نیست"))
    static let notPaused = KernelError.invalid(
        LocalizedText(en: "the schedule is not paused", zh: "该计划未暂停", fa: "این زمان‌بندی متوقف نشده است"))
    static let finished = KernelError.invalid(
        LocalizedText(en: "the schedule is already finished", zh: "该计划已结束", fa: "این زمان‌بندی پایان یافته است"))

    /// A template uses a placeholder that does not exist (or an unclosed brace).
    static func badPlaceholder(_ field: String, _ token: String) -> KernelError {
        KernelError.invalid(
            LocalizedText(
                en: "\(field): unknown placeholder \(token) (use {customer_name}, {invoice_number}, {amount}, {due_date}, {pay_link})",
                zh: "\(field)：未知占位符 \(token)（可用 {customer_name}、{invoice_number}、{amount}、{due_date}、{pay_link}）",
                fa: "\(field): جای‌نگهدار ناشناخته \(token) (مجاز: {customer_name}، {invoice_number}، {amount}، {due_date}، {pay_link})"))
    }

    /// Codes that name no customer, item or tag of the store.
    static func unknownCodes(_ field: String, _ codes: [String]) -> KernelError {
        let list = codes.joined(separator: ", ")
        return KernelError.invalid(
            LocalizedText(
                en: "\(field): unknown code(s) \(list)", zh: "\(field)：未知编号 \(list)", fa: "\(field): کد(های) ناشناخته \(list)"))
    }

    /// Keys an object may not hold, named.
    static func unknownKeys(_ field: String, _ keys: [String]) -> KernelError {
        let list = keys.joined(separator: ", ")
        return KernelError.invalid(
            LocalizedText(en: "\(field): unknown key(s) \(list)", zh: "\(field)：未知字段 \(list)", fa: "\(field): کلید(های) ناشناخته \(list)"))
    }

    /// A setting given both inside `schedule` and at the top level, with different values.
    static func conflictingSetting(_ key: String) -> KernelError {
        KernelError.invalid(
            LocalizedText(
                en: "\(key) and schedule.\(key) differ: give it once", zh: "\(key) 与 schedule.\(key) 不一致：请只给一次",
                fa: "\(key) و schedule.\(key) با هم فرق دارند: فقط یک بار بدهید"))
    }
}
