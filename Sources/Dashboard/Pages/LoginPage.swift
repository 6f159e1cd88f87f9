import Kernel
import PluginSDK

/// `/login` and `/logout`. Logging in goes through `system/user/login` or `system/admin/login`
/// (so the API's throttle and rules apply); the token it answers becomes the session cookie.
enum LoginPage {
    static let customer = LocalizedText(en: "Customer", zh: "顾客", fa: "مشتری")
    static let staff = LocalizedText(en: "Merchant or admin", zh: "商家或管理员", fa: "فروشنده یا مدیر")

    static func show(_ context: PageContext, failure: String? = nil) -> DashboardResponse {
        let form = context.request.form
        let kind = form.string("kind") ?? context.request.query.string("kind") ?? "user"
        let next = form.string("next") ?? context.request.query.string("next") ?? ""
        let title = context.t(en: "Log in", zh: "登录", fa: "ورود")
        let fields: HTML = """
            <input type="hidden" name="next" value="\(next)">
            <fieldset class="choice"><legend>\(context.t(en: "I am a", zh: "我是", fa: "من"))</legend>
            <label><input type="radio" name="kind" value="user"\(kind == "admin" ? "" : " checked")> \(context.t(customer))</label>
            <label><input type="radio" name="kind" value="admin"\(kind == "admin" ? " checked" : "")> \(context.t(staff))</label>
            </fieldset>
            """
        let account = Components.input(
            context.t(en: "Account name or email", zh: "账号或邮箱", fa: "نام کاربری یا ایمیل"), name: "accounts",
            value: form.string("accounts") ?? "", required: true, extra: " autocomplete=\"username\" autofocus")
        let password = Components.input(
            context.t(CommonText.password), name: "pwd", type: "password", required: true, extra: " autocomplete=\"current-password\"")
        let notice: HTML = failure.map { Components.notice($0, error: true) } ?? ""
        let body =
            notice
            + Components.form(
                context, action: "/login", classes: "stack narrow", [fields, account, password, Components.submit(title)].joined)
        return .page(Layout.page(context, title: title, body), status: failure == nil ? 200 : 422)
    }

    static func submit(_ context: PageContext) async -> DashboardResponse {
        let form = context.request.form
        let kind: Session.Kind = form.string("kind") == "admin" ? .admin : .user
        let answer = await context.client.call(
            "system", kind == .user ? "user" : "admin", "login",
            ["accounts": .string(form.string("accounts") ?? ""), "pwd": .string(form.string("pwd") ?? "")],
            session: nil, language: context.language, request: context.request)
        guard answer.ok, let token = answer.data["token"]?.stringValue else { return show(context, failure: answer.message) }
        let session = Session(kind: kind, token: token)
        let lifetime = answer.data["expires_in"]?.intValue ?? context.tokenLifetimeSeconds
        let home = kind == .user ? "/my/orders" : "/manage/invoices"
        return context.redirect(safeNext(form.string("next"), kind: kind) ?? home)
            .with(Cookies.set(Cookies.session, session.cookie, maxAge: lifetime, secure: context.request.isSecure))
    }

    static func logout(_ context: PageContext) async -> DashboardResponse {
        if let session = context.session {
            _ = await context.call("system", session.kind == .user ? "user" : "admin", "logout")
        }
        return loggedOut(context, message: context.t(en: "You are logged out.", zh: "您已退出登录。", fa: "از حساب خارج شدید."))
    }

    /// Clears the session cookie and shows the login page's message.
    static func loggedOut(_ context: PageContext, message: String) -> DashboardResponse {
        context.redirect("/login", flash: message).with(Cookies.set(Cookies.session, "", maxAge: 0, secure: context.request.isSecure))
    }

    /// A path of this site for the account kind to return to (never another origin).
    private static func safeNext(_ next: String?, kind: Session.Kind) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return nil }
        return next.hasPrefix(kind == .user ? "/my/" : "/manage/") ? next : nil
    }
}

extension DashboardResponse {
    /// Adds a header given as a pair.
    func with(_ header: (String, String)) -> DashboardResponse { with(header.0, header.1) }
}
