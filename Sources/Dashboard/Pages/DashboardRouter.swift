import Kernel
import PluginSDK

/// Which page answers which path. Customer pages (`/my/...`) need a user session, merchant and
/// admin pages (`/manage/...`) an admin session; the hosted invoice page (`/i/<link>`) and the
/// login page and the API reference (`/docs`) need none.
enum DashboardRouter {
    static func route(_ context: PageContext) async -> DashboardResponse {
        let parts = context.request.path.split(separator: "/").map(String.init)
        let post = context.request.isPost
        switch (parts.first ?? "", post) {
        case ("", false): return home(context)
        case ("login", true) where parts.count == 1: return await LoginPage.submit(context)
        case ("login", false) where parts.count == 1: return LoginPage.show(context)
        case ("logout", true) where parts.count == 1: return await LoginPage.logout(context)
        case ("docs", false) where parts.count == 1: return ReferencePage.show(context)
        case ("i", false) where parts.count >= 2: return await HostedInvoicePage.route(context, parts: Array(parts.dropFirst()))
        case ("my", _):
            guard let context = await signedIn(context, as: .user) else { return toLogin(context) }
            return await CustomerRouter.route(context, parts: Array(parts.dropFirst()))
        case ("manage", _):
            guard let context = await signedIn(context, as: .admin) else { return toLogin(context) }
            return await ManageRouter.route(context, parts: Array(parts.dropFirst()))
        default:
            return ErrorPage.notFound(context)
        }
    }

    /// `/`: the account's first page, or the login page.
    private static func home(_ context: PageContext) -> DashboardResponse {
        switch context.session?.kind {
        case .user: context.redirect("/my/orders")
        case .admin: context.redirect("/manage/invoices")
        case nil: context.redirect("/login")
        }
    }

    /// The context with the session's account looked up, when the session is live and of `kind`.
    private static func signedIn(_ context: PageContext, as kind: Session.Kind) async -> PageContext? {
        guard let session = context.session, session.kind == kind else { return nil }
        let answer = await context.call("system", kind == .user ? "user" : "admin", "info")
        guard answer.ok, let name = answer.data["name"]?.stringValue else { return nil }
        var signed = context
        let store =
            kind == .user ? answer.data["store_id"]?.intValue : context.request.cookies[ManageRouter.storeCookie].flatMap { Int64($0) }
        signed.identity = Identity(session: session, name: name, storeID: store ?? 1)
        return signed
    }

    /// To the login page, coming back here afterwards (GET pages only).
    private static func toLogin(_ context: PageContext) -> DashboardResponse {
        let next = context.request.isPost ? "" : "?next=" + QueryText.escape(context.request.path)
        return context.redirect("/login" + next)
    }
}
