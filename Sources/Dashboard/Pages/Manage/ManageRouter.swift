import Kernel
import PluginSDK

/// The merchant and admin pages under `/manage`. Admins act for one store at a time (the store
/// switch, kept in the `isd_store` cookie); what each admin may do is the kernel's permission
/// check on every action, so a page an admin may not use shows the action's refusal.
enum ManageRouter {
    static let storeCookie = "isd_store"

    static func route(_ context: PageContext, parts: [String]) async -> DashboardResponse {
        let post = context.request.isPost
        let rest = Array(parts.dropFirst())
        switch (parts.first ?? "", post) {
        case ("store", true): return switchStore(context)
        case ("invoices", _): return await InvoicesPage.route(context, rest)
        case ("applications", _): return await ReviewPage.route(context, rest)
        case ("schedules", _): return await SchedulesPage.route(context, rest)
        case ("deliveries", _): return await DeliveriesPage.route(context, rest)
        case ("settings", _) where rest.isEmpty: return await StoreSettingsPage.handle(context)
        case ("invoice-config", _) where rest.isEmpty: return await InvoiceConfigPage.handle(context)
        case ("plugins", _): return await PluginsPage.route(context, rest)
        case ("users", _): return await UsersPage.route(context, rest)
        case ("admins", _): return await AdminsPage.route(context, rest)
        case ("stores", _): return await StoresPage.route(context, rest)
        case ("apikeys", _): return await APIKeysPage.route(context, rest)
        case ("profile", false) where rest.isEmpty: return ProfilePage.show(context)
        case ("profile", true) where rest == ["password"]: return await ProfilePage.changePassword(context)
        case ("profile", true) where rest == ["logout-all"]: return await ProfilePage.logoutEverywhere(context)
        default: return ErrorPage.notFound(context)
        }
    }

    /// A page of the admin side, with the store switch above its content.
    static func page(_ context: PageContext, title: String, _ body: HTML, status: Int = 200) -> DashboardResponse {
        let storeSwitch = Components.form(
            context, action: "/manage/store", classes: "store-switch",
            Components.input(
                context.t(ManageText.switchStore), name: "store_id", value: String(context.storeID), type: "number",
                extra: " min=\"1\" inputmode=\"numeric\"")
                + "<input type=\"hidden\" name=\"back\" value=\"\(context.request.path)\"><button type=\"submit\" class=\"secondary\">\(context.t(ManageText.go))</button>"
        )
        return .page(Layout.page(context, title: title, storeSwitch + body), status: status)
    }

    /// Remembers the store to act for.
    private static func switchStore(_ context: PageContext) -> DashboardResponse {
        let id = context.request.form.string("store_id").flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 1
        let back =
            context.request.form.string("back").flatMap { $0.hasPrefix("/manage/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/manage/invoices"
        return context.redirect(back).with(Cookies.set(storeCookie, String(id), maxAge: 365 * 86_400, secure: context.request.isSecure))
    }
}
