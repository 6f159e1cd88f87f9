import Kernel
import PluginSDK

/// The customer's pages under `/my`.
enum CustomerRouter {
    static func route(_ context: PageContext, parts: [String]) async -> DashboardResponse {
        let post = context.request.isPost
        switch (parts.first ?? "", parts.count, post) {
        case ("orders", _, false), ("recharges", _, false):
            let business = parts[0] == "orders" ? OrdersPage.Business.order : .recharge
            switch parts.count {
            case 1: return await OrdersPage.list(context, business)
            case 2: return await OrdersPage.detail(context, business, id: parts[1])
            case 3 where parts[2] == "pdf": return await OrdersPage.pdf(context, business, id: parts[1])
            default: return ErrorPage.notFound(context)
            }
        case ("applications", 1, false): return await ApplicationsPage.list(context)
        case ("applications", 2, _) where parts[1] == "new": return await ApplicationForm.handle(context, editing: nil)
        case ("applications", 3, _) where parts[2] == "edit": return await ApplicationForm.handle(context, editing: parts[1])
        case ("applications", 3, true) where parts[2] == "delete": return await ApplicationsPage.delete(context, id: parts[1])
        case ("profile", 1, false): return ProfilePage.show(context)
        case ("profile", 2, true) where parts[1] == "password": return await ProfilePage.changePassword(context)
        case ("profile", 2, true) where parts[1] == "logout-all": return await ProfilePage.logoutEverywhere(context)
        default: return ErrorPage.notFound(context)
        }
    }
}
