/// Every message the kernel itself answers with, in English, Chinese and Persian.
public enum KernelMessages {
    public static let success = LocalizedText(en: "success", zh: "操作成功", fa: "انجام شد")
    public static let notFound = LocalizedText(en: "not found", zh: "数据不存在", fa: "یافت نشد")
    public static let loginRequired = LocalizedText(
        en: "please log in first", zh: "请先登录", fa: "لطفاً ابتدا وارد شوید")
    public static let noPermission = LocalizedText(
        en: "no permission for this action", zh: "无权限执行此操作", fa: "اجازهٔ این کار را ندارید")
    public static let internalError = LocalizedText(
        en: "internal error", zh: "服务器内部错误", fa: "خطای داخلی سرور")
    public static let storageFailed = LocalizedText(
        en: "could not save, please retry", zh: "保存失败，请重试", fa: "ذخیره نشد، دوباره تلاش کنید")
    public static let conflict = LocalizedText(
        en: "conflicts with existing data", zh: "与现有数据冲突", fa: "با داده‌های موجود تداخل دارد")
    public static let bodyTooLarge = LocalizedText(
        en: "request body too large", zh: "请求内容过大", fa: "بدنهٔ درخواست بیش از حد بزرگ است")
    public static let bodyTimeout = LocalizedText(
        en: "request body arrived too slowly", zh: "请求内容传输超时", fa: "بدنهٔ درخواست بیش از حد کند رسید")
    public static let headerTooLarge = LocalizedText(
        en: "request line and headers too large", zh: "请求行和请求头过大", fa: "خط درخواست و سرآیندها بیش از حد بزرگ است")
    public static let shuttingDown = LocalizedText(
        en: "the server is shutting down, retry shortly", zh: "服务器正在关闭，请稍后重试", fa: "سرور در حال خاموش شدن است، کمی بعد تلاش کنید")
    public static let unknownPath = LocalizedText(
        en: "unknown path", zh: "路径不存在", fa: "مسیر ناشناخته")
    public static let methodNotAllowed = LocalizedText(
        en: "this action only accepts POST", zh: "此操作仅接受 POST 请求", fa: "این عملیات فقط POST می‌پذیرد")
    public static let malformedBody = LocalizedText(
        en: "malformed request body", zh: "请求内容格式错误", fa: "بدنهٔ درخواست نامعتبر است")
    public static let unsupportedContentType = LocalizedText(
        en: "unsupported content type (use JSON, form or multipart)",
        zh: "不支持的内容类型（请使用 JSON、表单或 multipart）",
        fa: "نوع محتوا پشتیبانی نمی‌شود (JSON، فرم یا multipart)")
    public static let tooManyParameters = LocalizedText(
        en: "too many parameters", zh: "参数过多", fa: "تعداد پارامترها بیش از حد است")
    public static let badCredentials = LocalizedText(
        en: "wrong account or password", zh: "账号或密码错误", fa: "نام کاربری یا رمز عبور نادرست است")
    public static let tooManyRequests = LocalizedText(
        en: "too many requests, retry shortly", zh: "请求过多，请稍后重试", fa: "درخواست‌ها زیاد است، کمی بعد تلاش کنید")
    public static let invalidAPIKey = LocalizedText(
        en: "invalid or revoked API key", zh: "API 密钥无效或已吊销", fa: "کلید API نامعتبر یا باطل شده است")

    /// Too many failed logins: how long to wait.
    public static func loginThrottled(seconds: Int64) -> LocalizedText {
        LocalizedText(
            en: "too many failed logins, try again in \(seconds) seconds",
            zh: "登录失败次数过多，请 \(seconds) 秒后重试",
            fa: "تلاش‌های ناموفق ورود بیش از حد است، \(seconds) ثانیهٔ دیگر دوباره تلاش کنید")
    }

    /// The plugin is unknown or not installed.
    public static func pluginUnknown(_ name: String) -> LocalizedText {
        LocalizedText(
            en: "plugin '\(name)' is not installed", zh: "插件 '\(name)' 未安装", fa: "افزونهٔ '\(name)' نصب نیست")
    }

    /// The plugin is disabled.
    public static func pluginDisabled(_ name: String) -> LocalizedText {
        LocalizedText(
            en: "plugin '\(name)' is disabled", zh: "插件 '\(name)' 已禁用", fa: "افزونهٔ '\(name)' غیرفعال است")
    }

    /// The plugin has no such action.
    public static func unknownAction(_ plugin: String, _ control: String, _ action: String) -> LocalizedText {
        LocalizedText(
            en: "plugin '\(plugin)' has no action '\(control)/\(action)'",
            zh: "插件 '\(plugin)' 没有操作 '\(control)/\(action)'",
            fa: "افزونهٔ '\(plugin)' عملیات '\(control)/\(action)' را ندارد")
    }

    /// What is wrong with a parameter.
    public enum ParameterProblem: Sendable {
        case missing, malformed, tooLong(maxBytes: Int), notOneOf([String]), outOfRange(ClosedRange<Int64>)
    }

    /// A message naming the parameter and what is wrong with it.
    public static func parameter(_ name: String, _ problem: ParameterProblem) -> LocalizedText {
        switch problem {
        case .missing:
            return LocalizedText(
                en: "missing parameter '\(name)'", zh: "缺少参数 '\(name)'", fa: "پارامتر '\(name)' ارسال نشده است")
        case .malformed:
            return LocalizedText(
                en: "malformed parameter '\(name)'", zh: "参数 '\(name)' 格式错误", fa: "پارامتر '\(name)' نامعتبر است")
        case .tooLong(let maxBytes):
            return LocalizedText(
                en: "parameter '\(name)' is longer than \(maxBytes) bytes",
                zh: "参数 '\(name)' 超过 \(maxBytes) 字节",
                fa: "پارامتر '\(name)' از \(maxBytes) بایت بلندتر است")
        case .notOneOf(let allowed):
            let list = allowed.joined(separator: ", ")
            return LocalizedText(
                en: "parameter '\(name)' must be one of: \(list)",
                zh: "参数 '\(name)' 只能是：\(list)",
                fa: "پارامتر '\(name)' باید یکی از این‌ها باشد: \(list)")
        case .outOfRange(let range):
            return LocalizedText(
                en: "parameter '\(name)' must be between \(range.lowerBound) and \(range.upperBound)",
                zh: "参数 '\(name)' 必须在 \(range.lowerBound) 到 \(range.upperBound) 之间",
                fa: "پارامتر '\(name)' باید بین \(range.lowerBound) و \(range.upperBound) باشد")
        }
    }
}
