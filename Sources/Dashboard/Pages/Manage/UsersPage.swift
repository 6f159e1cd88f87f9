import Kernel
import PluginSDK

/// `/manage/users`: customer accounts (`system/users/list`, searchable) with disable / enable,
/// log out everywhere and password reset (`system/users/*`). A generated password is shown
/// once, on the answer page itself.
enum UsersPage {
    static func route(_ context: PageContext, _ parts: [String]) async -> DashboardResponse {
        if parts.isEmpty && !context.request.isPost { return await list(context) }
        guard parts.count == 2, context.request.isPost else { return ErrorPage.notFound(context) }
        let id = parts[0]
        switch parts[1] {
        case "disable", "enable", "revoke_tokens":
            return context.after(await context.call("system", "users", parts[1], ["id": .string(id)]), redirect: "/manage/users")
        case "reset_password":
            var params: JSONObject = ["id": .string(id)]
            if let password = context.request.form.string("password"), !password.isEmpty { params["password"] = .string(password) }
            let answer = await context.call("system", "users", "reset_password", params)
            guard answer.ok, let generated = answer.data["password"]?.stringValue else {
                return context.after(answer, redirect: "/manage/users")
            }
            let body =
                Components.notice(context.t(en: "New password", zh: "新密码", fa: "رمز عبور جدید") + ": " + generated)
                + "<p>\(context.t(ManageText.shownOnce))</p><p><a href=\"/manage/users\">\(context.t(CommonText.back))</a></p>"
            return ManageRouter.page(context, title: context.t(ManageText.users), body)
        default:
            return ErrorPage.notFound(context)
        }
    }

    static func list(_ context: PageContext) async -> DashboardResponse {
        let query = context.request.query
        var params: JSONObject = ["page": .string(query.string("page") ?? "1"), "page_size": "20"]
        if let search = query.string("search"), !search.isEmpty { params["search"] = .string(search) }
        if query.string("all_stores") != "1" { params["store_id"] = .int(context.storeID) }
        let answer = await context.call("system", "users", "list", params)
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let filters: [HTML] = [
            Components.input(context.t(CommonText.search), name: "search", value: query.string("search") ?? "", type: "search"),
            Components.checkbox(
                context.t(en: "All stores", zh: "所有店铺", fa: "همهٔ فروشگاه‌ها"), name: "all_stores", checked: query.string("all_stores") == "1"
            ),
            Components.submit(context.t(CommonText.search)),
        ]
        let rows = (answer.data["items"]?.arrayValue ?? []).map { user -> [HTML] in
            let id = user["id"]?.intValue ?? 0
            let disabled = user["disabled"]?.boolValue == true
            let base = "/manage/users/\(id)"
            let actions: [HTML] = [
                Components.button(
                    context, action: base + (disabled ? "/enable" : "/disable"),
                    label: context.t(disabled ? CommonText.enable : CommonText.disable),
                    danger: !disabled, confirm: !disabled),
                Components.button(
                    context, action: base + "/revoke_tokens", label: context.t(en: "Log out everywhere", zh: "强制下线", fa: "خروج از همه‌جا"),
                    confirm: true),
                Components.form(
                    context, action: base + "/reset_password", classes: "inline",
                    Components.input(
                        context.t(en: "New password (empty: generate)", zh: "新密码（留空自动生成）", fa: "رمز جدید (خالی: ساخت خودکار)"),
                        name: "password", type: "password", id: "pw-\(id)", extra: " autocomplete=\"new-password\"")
                        + "<button type=\"submit\" class=\"secondary\">\(context.t(en: "Reset password", zh: "重置密码", fa: "بازنشانی رمز"))</button>"
                ),
            ]
            return [
                "\(id)", "\(user["name"]?.stringValue ?? "")", "\(user["email"]?.stringValue ?? "")", "\(user["store_id"]?.intValue ?? 0)",
                Components.badge(context.t(disabled ? CommonText.disabled : CommonText.enabled), kind: disabled ? "canceled" : "paid"),
                "\(user["live_tokens"]?.intValue ?? 0)", "<div class=\"cell-actions\">\(actions)</div>",
            ]
        }
        let headers = [
            "ID", context.t(CommonText.name), context.t(CommonText.email), context.t(CommonText.store), context.t(CommonText.status),
            context.t(en: "Live logins", zh: "有效登录", fa: "ورودهای فعال"), context.t(CommonText.actions),
        ]
        let body: [HTML] = [
            "<form method=\"get\" action=\"/manage/users\" class=\"filters\" role=\"search\">\(filters)</form>", Components.failure(answer),
            Components.table(context, caption: context.t(ManageText.users), headers: headers, rows: rows),
            Components.pager(context, answer.data, total: answer.data["total"]?.intValue ?? 0),
        ]
        return ManageRouter.page(context, title: context.t(ManageText.users), body.joined)
    }
}
