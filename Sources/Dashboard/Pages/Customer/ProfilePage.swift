import Kernel
import PluginSDK

/// `/my/profile` and `/manage/profile`: change the password (`system/<kind>/password`, which
/// keeps this session and ends the others) and log out everywhere (`system/<kind>/logout_all`).
enum ProfilePage {
    static func show(_ context: PageContext, failure: String? = nil) -> DashboardResponse {
        let base = basePath(context)
        let password = Components.form(
            context, action: base + "/password",
            [
                Components.input(
                    context.t(en: "Current password", zh: "当前密码", fa: "رمز عبور فعلی"), name: "my_pwd", type: "password", required: true,
                    extra: " autocomplete=\"current-password\""),
                Components.input(
                    context.t(en: "New password", zh: "新密码", fa: "رمز عبور جدید"), name: "new_pwd", type: "password", required: true,
                    hint: context.t(en: "At least 8 characters", zh: "至少 8 个字符", fa: "دست‌کم ۸ نویسه"),
                    extra: " autocomplete=\"new-password\""),
                Components.input(
                    context.t(en: "New password again", zh: "确认新密码", fa: "تکرار رمز عبور جدید"), name: "confirm_new_pwd", type: "password",
                    required: true, extra: " autocomplete=\"new-password\""),
                Components.submit(context.t(en: "Change password", zh: "修改密码", fa: "تغییر رمز عبور")),
            ].joined)
        let everywhere = Components.button(
            context, action: base + "/logout-all", label: context.t(en: "Log out everywhere", zh: "退出所有设备", fa: "خروج از همهٔ دستگاه‌ها"),
            danger: true, confirm: true)
        let notice: HTML = failure.map { Components.notice($0, error: true) } ?? ""
        let body: HTML = """
            \(notice)<section><h2>\(context.t(en: "Password", zh: "密码", fa: "رمز عبور"))</h2>\(password)</section>
            <section><h2>\(context.t(en: "Sessions", zh: "登录设备", fa: "نشست‌ها"))</h2>\
            <p>\(context.t(en: "Ends every login of this account, this one included.", zh: "结束此账号的所有登录，包括当前设备。", fa: "همهٔ ورودهای این حساب، از جمله همین یکی، پایان می‌یابد."))</p>\(everywhere)</section>
            """
        return .page(Layout.page(context, title: context.t(CommonText.profile), body), status: failure == nil ? 200 : 422)
    }

    static func changePassword(_ context: PageContext) async -> DashboardResponse {
        let answer = await context.call("system", controlName(context), "password", context.formParams)
        if answer.ok { return context.redirect(basePath(context), flash: context.t(CommonText.saved)) }
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        return show(context, failure: answer.message)
    }

    static func logoutEverywhere(_ context: PageContext) async -> DashboardResponse {
        let answer = await context.call("system", controlName(context), "logout_all")
        guard answer.ok || answer.needsLogin else { return show(context, failure: answer.message) }
        return LoginPage.loggedOut(
            context, message: context.t(en: "You are logged out everywhere.", zh: "已退出所有设备。", fa: "از همهٔ دستگاه‌ها خارج شدید."))
    }

    private static func controlName(_ context: PageContext) -> String {
        context.session?.kind == .admin ? "admin" : "user"
    }

    private static func basePath(_ context: PageContext) -> String {
        context.session?.kind == .admin ? "/manage/profile" : "/my/profile"
    }
}
