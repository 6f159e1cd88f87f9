import Kernel
import PluginSDK

/// `/manage/admins`: admins and their permissions (`system/admins/list`), creating one
/// (`admins/create`), changing its permissions (`admins/permissions`) or password (`admins/password`).
enum AdminsPage {
    static func route(_ context: PageContext, _ parts: [String]) async -> DashboardResponse {
        switch (parts.count, context.request.isPost) {
        case (0, false): return await list(context, failure: nil)
        case (1, true) where parts[0] == "create": return await submit(context, "create", [:])
        case (2, true) where parts[1] == "permissions" || parts[1] == "password":
            return await submit(context, parts[1], ["id": .string(parts[0])])
        default: return ErrorPage.notFound(context)
        }
    }

    /// An unticked "super" box sends nothing; the action must still hear "not super".
    private static func submit(_ context: PageContext, _ action: String, _ extra: JSONObject) async -> DashboardResponse {
        var params = extra
        if action != "password" && context.request.form["super"] == nil { params["super"] = "0" }
        return await context.submit("system", "admins", action, adding: params, redirect: "/manage/admins") {
            await list(context, failure: $0)
        }
    }

    static func list(_ context: PageContext, failure: Answer?) async -> DashboardResponse {
        let answer = await context.call("system", "admins", "list")
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let permissionsLabel = context.t(
            en: "Permissions (comma-separated, e.g. invoice.merchant.*)", zh: "权限（逗号分隔，如 invoice.merchant.*）",
            fa: "مجوزها (با ویرگول، مثلاً invoice.merchant.*)")
        let superLabel = context.t(en: "Super-admin (every permission)", zh: "超级管理员（全部权限）", fa: "مدیر ارشد (همهٔ مجوزها)")
        let rows = (answer.data.arrayValue ?? []).map { admin -> [HTML] in
            let id = admin["id"]?.intValue ?? 0
            let isSuper = admin["super"]?.boolValue == true
            let permissions = (admin["permissions"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
            let powers = Components.form(
                context, action: "/manage/admins/\(id)/permissions", classes: "inline",
                Components.checkbox(superLabel, name: "super", checked: isSuper, id: "super-\(id)")
                    + Components.input(permissionsLabel, name: "permissions", value: permissions, id: "perm-\(id)")
                    + "<button type=\"submit\" class=\"secondary\">\(context.t(CommonText.save))</button>")
            let password = Components.form(
                context, action: "/manage/admins/\(id)/password", classes: "inline",
                Components.input(
                    context.t(en: "New password", zh: "新密码", fa: "رمز عبور جدید"), name: "password", type: "password", id: "apw-\(id)",
                    extra: " autocomplete=\"new-password\"")
                    + "<button type=\"submit\" class=\"secondary\">\(context.t(en: "Set password", zh: "设置密码", fa: "تنظیم رمز"))</button>")
            return ["\(id)", "\(admin["name"]?.stringValue ?? "")", powers, password]
        }
        let create = Components.form(
            context, action: "/manage/admins/create",
            [
                Components.input(context.t(CommonText.name), name: "name", required: true),
                Components.input(
                    context.t(CommonText.password), name: "password", type: "password", required: true,
                    extra: " autocomplete=\"new-password\""),
                Components.checkbox(superLabel, name: "super", checked: false), Components.input(permissionsLabel, name: "permissions"),
                Components.submit(context.t(CommonText.create)),
            ].joined)
        let body: [HTML] = [
            failure.map(Components.failure) ?? "", Components.failure(answer),
            Components.table(
                context, caption: context.t(ManageText.admins),
                headers: [
                    "ID", context.t(CommonText.name), context.t(en: "Permissions", zh: "权限", fa: "مجوزها"), context.t(CommonText.password),
                ], rows: rows),
            "<section><h2>\(context.t(en: "New admin", zh: "新建管理员", fa: "مدیر جدید"))</h2>\(create)</section>",
        ]
        return ManageRouter.page(context, title: context.t(ManageText.admins), body.joined, status: failure == nil ? 200 : 422)
    }
}
