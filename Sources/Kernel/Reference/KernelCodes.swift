import PluginSDK

/// The kernel's code table in every language (the rows of docs/errors.md), and which of its
/// codes an action can answer by its access level alone.
public enum KernelCodes {
    /// One row of the code table.
    public struct Row: Sendable {
        public let code: ResultCode
        public let meaning: LocalizedText
        /// The `data` such an answer carries, as JSON readers see it.
        public let data: String
    }

    /// Every code the kernel answers with.
    public static let table: [Row] = [
        Row(code: .success, meaning: LocalizedText(en: "success", zh: "成功", fa: "موفق"), data: "the action's result"),
        Row(
            code: .failure,
            meaning: LocalizedText(
                en: "generic failure: validation message, unknown action, row not found, internal error",
                zh: "一般失败：校验信息、操作不存在、数据不存在、内部错误",
                fa: "خطای عمومی: پیام اعتبارسنجی، عملیات ناشناخته، ردیف یافت نشد، خطای داخلی"),
            data: "`\"\"`; `{\"request_id\": \"...\"}` for an internal error"),
        Row(
            code: .pluginUnknown,
            meaning: LocalizedText(en: "plugin unknown or not installed", zh: "插件不存在或未安装", fa: "افزونه ناشناخته است یا نصب نشده"), data: "`\"\"`"),
        Row(
            code: .pluginDisabled,
            meaning: LocalizedText(en: "plugin installed but disabled", zh: "插件已安装但已禁用", fa: "افزونه نصب شده اما غیرفعال است"), data: "`\"\"`"),
        Row(
            code: .storageFailed,
            meaning: LocalizedText(
                en: "storage write failed (disk, lock held past the busy timeout)", zh: "存储写入失败（磁盘、锁等待超时）",
                fa: "نوشتن در پایگاه داده ناموفق بود (دیسک، قفل بیش از زمان انتظار)"),
            data: "`{\"request_id\": \"...\"}`"),
        Row(
            code: .conflict,
            meaning: LocalizedText(
                en: "conflict with existing data (duplicate key, concurrent change)", zh: "与现有数据冲突（重复键、并发修改）",
                fa: "تداخل با داده‌های موجود (کلید تکراری، تغییر هم‌زمان)"),
            data: "`\"\"`"),
        Row(
            code: .loginRequired,
            meaning: LocalizedText(
                en: "login required: no token, or an invalid, expired or revoked one", zh: "需要登录：没有令牌，或令牌无效、过期、已吊销",
                fa: "ورود لازم است: توکنی نیست، یا نامعتبر، منقضی یا باطل شده است"),
            data: "the login page path (`login_url`, default `/?s=user/logininfo.html`), as ShopXO answers"),
        Row(
            code: .invalidAPIKey,
            meaning: LocalizedText(
                en: "invalid or revoked API key: a merchant caller's key (`isk_...`), or any secret sent as `X-Api-Key` or "
                    + "`Authorization: Bearer` to an API-key action, names no one",
                zh: "API 密钥无效或已吊销：商户调用方的密钥（`isk_...`），或以 `X-Api-Key`、`Authorization: Bearer` 发给 API 密钥操作的密钥不对应任何人",
                fa: "کلید API نامعتبر یا باطل شده: کلید فراخوان فروشگاه (`isk_...`)، یا رمزی که با `X-Api-Key` یا `Authorization: Bearer` "
                    + "به عملیات کلید API فرستاده شده، به کسی تعلق ندارد"),
            data: "`\"\"`"),
        Row(
            code: .tooManyRequests,
            meaning: LocalizedText(
                en: "too many requests (password hashing is at capacity: retry)", zh: "请求过多（密码哈希已满负荷：请重试）",
                fa: "درخواست‌ها زیاد است (ظرفیت درهم‌سازی گذرواژه پر است: دوباره تلاش کنید)"),
            data: "`\"\"`, or `{\"retry_after\": 1}`"),
        Row(
            code: .loginThrottled,
            meaning: LocalizedText(
                en: "too many failed logins for this account name or client address: wait", zh: "该账号或客户端地址登录失败次数过多：请等待",
                fa: "ورودهای ناموفق این حساب یا نشانی بیش از حد است: صبر کنید"),
            data: "`{\"retry_after\": seconds}`"),
        Row(
            code: .noPermission,
            meaning: LocalizedText(
                en: "no permission: the caller is known but may not run this action", zh: "无权限：调用方已识别，但不能执行此操作",
                fa: "بدون اجازه: فراخوان شناخته شده اما اجازهٔ این عملیات را ندارد"),
            data: "`\"\"`"),
        Row(
            code: .badParameter,
            meaning: LocalizedText(
                en: "a routing or common parameter is missing or malformed; a parameter over a limit; a malformed body",
                zh: "路由参数或公共参数缺失或格式错误；参数超出限制；请求内容格式错误",
                fa: "پارامتر مسیریابی یا عمومی ارسال نشده یا نامعتبر است؛ پارامتر از حد گذشته؛ بدنهٔ درخواست نامعتبر"),
            data: "`\"\"`"),
        Row(
            code: .upstreamFailed,
            meaning: LocalizedText(
                en: "an upstream (remote plugin, payment gateway) failed", zh: "上游（远程插件、支付网关）失败",
                fa: "سرویس بالادستی (افزونهٔ راه دور، درگاه پرداخت) ناموفق بود"),
            data: "`\"\"`"),
    ]

    /// The messages the kernel answers with, by code, as clients read them in `msg`.
    public static let messages: [(code: ResultCode, message: LocalizedText)] = [
        (.success, KernelMessages.success),
        (.failure, KernelMessages.notFound),
        (.failure, KernelMessages.unknownAction("plugin", "control", "action")),
        (.failure, KernelMessages.internalError),
        (.failure, KernelMessages.badCredentials),
        (.failure, KernelMessages.unknownPath),
        (.pluginUnknown, KernelMessages.pluginUnknown("plugin")),
        (.pluginDisabled, KernelMessages.pluginDisabled("plugin")),
        (.storageFailed, KernelMessages.storageFailed),
        (.conflict, KernelMessages.conflict),
        (.loginRequired, KernelMessages.loginRequired),
        (.invalidAPIKey, KernelMessages.invalidAPIKey),
        (.tooManyRequests, KernelMessages.tooManyRequests),
        (.loginThrottled, KernelMessages.loginThrottled(seconds: 60)),
        (.noPermission, KernelMessages.noPermission),
        (.badParameter, KernelMessages.parameter("name", .missing)),
        (.badParameter, KernelMessages.parameter("name", .malformed)),
        (.badParameter, KernelMessages.parameter("name", .tooLong(maxBytes: 255))),
        (.badParameter, KernelMessages.parameter("name", .notOneOf(["a", "b"]))),
        (.badParameter, KernelMessages.parameter("name", .outOfRange(1...100))),
        (.badParameter, KernelMessages.malformedBody),
        (.badParameter, KernelMessages.unsupportedContentType),
        (.badParameter, KernelMessages.tooManyParameters),
        (.badParameter, KernelMessages.bodyTooLarge),
        (.badParameter, KernelMessages.bodyTimeout),
        (.badParameter, KernelMessages.headerTooLarge),
        (.badParameter, KernelMessages.methodNotAllowed),
        (.badParameter, KernelMessages.shuttingDown),
    ]

    /// The row of `code`, when the kernel defines it.
    public static func row(_ code: ResultCode) -> Row? {
        table.first { $0.code == code }
    }

    /// The codes any action of this access level can answer before or around its handler: a bad
    /// parameter, an internal error, the plugin missing or disabled (not for the built-in system
    /// plugin), and the answers of its access check.
    public static func derived(_ access: Access, builtIn: Bool) -> [DocumentedError] {
        var errors = [
            DocumentedError(
                code: .badParameter,
                when: LocalizedText(
                    en: "a parameter is missing, malformed or over its limit", zh: "参数缺失、格式错误或超出限制",
                    fa: "پارامتری ارسال نشده، نامعتبر است یا از حد گذشته")),
            DocumentedError(
                code: .failure,
                when: LocalizedText(
                    en: "the action refused (msg says why), or an internal error (data carries request_id)",
                    zh: "操作被拒绝（msg 说明原因），或内部错误（data 中带 request_id）",
                    fa: "عملیات رد شد (msg دلیل را می‌گوید)، یا خطای داخلی (data شامل request_id است)")),
        ]
        if !builtIn {
            errors.append(DocumentedError(code: .pluginUnknown, when: LocalizedText(en: "the plugin is not installed", zh: "插件未安装", fa: "افزونه نصب نیست")))
            errors.append(DocumentedError(code: .pluginDisabled, when: LocalizedText(en: "the plugin is disabled", zh: "插件已禁用", fa: "افزونه غیرفعال است")))
        }
        let noCaller = LocalizedText(
            en: "no token, or an invalid, expired or revoked one", zh: "没有令牌，或令牌无效、过期、已吊销", fa: "توکنی نیست، یا نامعتبر، منقضی یا باطل شده است")
        switch access {
        case .public:
            break
        case .user:
            errors.append(DocumentedError(code: .loginRequired, when: noCaller))
        case .admin(let permission):
            errors.append(DocumentedError(code: .loginRequired, when: noCaller))
            if permission != "" {
                errors.append(
                    DocumentedError(
                        code: .noPermission,
                        when: LocalizedText(
                            en: "a user, or an admin without the permission", zh: "普通用户，或没有该权限的管理员", fa: "کاربر عادی، یا مدیری بدون این اجازه")))
            }
        case .apiKey:
            errors.append(DocumentedError(code: .loginRequired, when: noCaller))
            errors.append(
                DocumentedError(
                    code: .invalidAPIKey, when: LocalizedText(en: "the API key is unknown or revoked", zh: "API 密钥不存在或已吊销", fa: "کلید API ناشناخته یا باطل شده است")))
            errors.append(
                DocumentedError(
                    code: .noPermission,
                    when: LocalizedText(
                        en: "an API key without the scope, or an admin without the permission", zh: "API 密钥没有该范围，或管理员没有该权限",
                        fa: "کلید API بدون این دامنه، یا مدیری بدون این اجازه")))
        }
        return errors
    }

    /// Who may call an action of this access level, in words.
    static func access(_ access: Access, permission: String?) -> LocalizedText {
        switch access {
        case .public:
            return LocalizedText(en: "public: anyone", zh: "公开：任何人", fa: "عمومی: همه")
        case .user:
            return LocalizedText(en: "user: a logged-in user's token", zh: "用户：已登录用户的令牌", fa: "کاربر: توکن کاربر واردشده")
        case .admin:
            let permission = permission ?? ""
            if permission.isEmpty {
                return LocalizedText(en: "admin: any logged-in admin", zh: "管理员：任何已登录的管理员", fa: "مدیر: هر مدیر واردشده")
            }
            return LocalizedText(
                en: "admin: an admin holding `\(permission)`", zh: "管理员：拥有 `\(permission)` 权限的管理员", fa: "مدیر: مدیری با اجازهٔ `\(permission)`")
        case .apiKey(let scope):
            let permission = permission ?? ""
            return LocalizedText(
                en: "apikey: a store's API key with scope `\(scope)`, or an admin holding `\(permission)`",
                zh: "API 密钥：拥有 `\(scope)` 范围的店铺 API 密钥，或拥有 `\(permission)` 权限的管理员",
                fa: "کلید API: کلید API فروشگاه با دامنهٔ `\(scope)`، یا مدیری با اجازهٔ `\(permission)`")
        }
    }
}
