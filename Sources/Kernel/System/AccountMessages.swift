import PluginSDK

/// The messages of account management (`system/users|admins|stores|apikeys`, passwords).
enum AccountMessages {
    static let lastSuperAdmin = LocalizedText(
        en: "the last super-admin cannot lose its powers", zh: "不能取消最后一个超级管理员的权限",
        fa: "آخرین مدیر ارشد نمی‌تواند اختیاراتش را از دست بدهد")
    static let wrongPassword = LocalizedText(
        en: "the current password is wrong", zh: "当前密码错误", fa: "رمز عبور فعلی نادرست است")
    static let passwordsDiffer = LocalizedText(
        en: "the two new passwords differ", zh: "两次输入的新密码不一致", fa: "دو رمز عبور جدید یکسان نیستند")
    static let passwordTooShort = LocalizedText(
        en: "the password needs at least \(Passwords.minimumLength) characters",
        zh: "密码至少需要 \(Passwords.minimumLength) 个字符",
        fa: "رمز عبور باید دست‌کم \(Passwords.minimumLength) نویسه باشد")

    static let ownPowers = LocalizedText(
        en: "you cannot change your own powers", zh: "不能修改自己的权限", fa: "نمی‌توانید اختیارات خودتان را تغییر دهید")

    /// A scope no action uses.
    static func unknownScope(_ scope: String, known: [String]) -> LocalizedText {
        let list = known.joined(separator: ", ")
        return LocalizedText(
            en: "unknown scope '\(scope)' (known: \(list))", zh: "未知的权限范围 '\(scope)'（可用：\(list)）",
            fa: "محدودهٔ ناشناخته '\(scope)' (موجود: \(list))")
    }

    /// A permission no route declares.
    static func unknownPermission(_ permission: String) -> LocalizedText {
        LocalizedText(
            en: "unknown permission '\(permission)': no plugin, control or action of that name (use plugin.control.action, plugin.control.*, plugin.* or *)",
            zh: "未知权限 '\(permission)'：没有该名称的插件、控制器或操作（使用 plugin.control.action、plugin.control.*、plugin.* 或 *）",
            fa: "مجوز ناشناخته '\(permission)': افزونه، کنترل یا عملی با این نام نیست (از plugin.control.action، plugin.control.*، plugin.* یا * استفاده کنید)")
    }
}

/// Password rules shared by every action that sets one.
enum Passwords {
    static let minimumLength = 8

    /// The declared parameter for a new password.
    static func param(_ name: String, required: Bool = true, _ summary: String = "At least 8 characters") -> Param {
        .string(name, required: required, maxLength: 1_024, summary)
    }

    /// Refuses a password shorter than the minimum.
    static func check(_ password: String) throws {
        guard password.count >= minimumLength else { throw KernelError.invalid(AccountMessages.passwordTooShort) }
    }

    /// A password for an account whose admin did not choose one: 20 characters of base 62.
    static func generate() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}

/// Page parameters of the account lists.
enum AccountPaging {
    static let params: [Param] = [
        .integer("page", range: 1...1_000_000, "Page, from 1"),
        .integer("page_size", allowed: ["10", "20", "50", "100"], "Rows a page (20)"),
    ]

    /// `page` and `page_size` of a call.
    static func read(_ params: Params) throws -> (page: Int64, size: Int64) {
        (try params.int("page") ?? 1, try params.int("page_size") ?? 20)
    }


}
