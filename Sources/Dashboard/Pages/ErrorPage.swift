import Kernel
import PluginSDK

/// A page that only says what went wrong (403 for a refused form, 404 for an unknown page or a
/// record the account may not see, or the action's own message).
enum ErrorPage {
    static func show(_ context: PageContext, status: Int, message: String) -> DashboardResponse {
        .page(Layout.page(context, title: String(status), Components.notice(message, error: true) + backLink(context)), status: status)
    }

    /// 404 with the generic text.
    static func notFound(_ context: PageContext) -> DashboardResponse {
        show(context, status: 404, message: context.t(CommonText.notFound))
    }

    /// The page for an action that refused: login again, or its message (404 for "not found").
    static func refused(_ context: PageContext, _ answer: Answer) -> DashboardResponse {
        if answer.needsLogin { return context.redirect("/login?next=" + QueryText.escape(context.request.path)) }
        let status = answer.code == -1000 ? 403 : answer.message == KernelMessages.notFound(context.language) ? 404 : 422
        return show(context, status: status, message: answer.message)
    }

    private static func backLink(_ context: PageContext) -> HTML {
        "<p><a href=\"/\">\(context.t(CommonText.back))</a></p>"
    }
}

extension HTML {
    static func + (lhs: HTML, rhs: HTML) -> HTML { [lhs, rhs].joined }
}
