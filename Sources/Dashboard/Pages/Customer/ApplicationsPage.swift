import Kernel
import PluginSDK

/// `/my/applications`: the customer's tax-invoice applications (`invoice/user/index`) with their
/// status, the reason of a refusal and the issued invoice; pending and refused ones can be
/// edited or deleted (`user/delete`).
enum ApplicationsPage {
    static func list(_ context: PageContext) async -> DashboardResponse {
        let page = context.request.query.string("page") ?? "1"
        let answer = await context.call("invoice", "user", "index", ["page": .string(page)])
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let zone = await context.timeZone()
        let rows = (answer.data["data_list"]?.arrayValue ?? []).map { row(context, $0, zone: zone) }
        let headers = [
            context.t(CommonText.created), context.t(CustomerText.orders), context.t(CommonText.amount),
            context.t(en: "Invoice type", zh: "发票类型", fa: "نوع فاکتور"), context.t(CommonText.status),
            context.t(CustomerText.invoice), context.t(CommonText.actions),
        ]
        let body: [HTML] = [
            Components.failure(answer),
            "<p><a class=\"button\" href=\"/my/orders\">\(context.t(CustomerText.apply))</a></p>",
            Components.table(context, caption: context.t(CustomerText.applications), headers: headers, rows: rows),
            Components.pager(
                context, page: answer.data["page"]?.intValue ?? 1, pageTotal: answer.data["page_total"]?.intValue ?? 1,
                total: answer.data["data_total"]?.intValue ?? 0),
        ]
        return .page(Layout.page(context, title: context.t(CustomerText.applications), body.joined))
    }

    private static func row(_ context: PageContext, _ application: JSON, zone: TimeZoneRules) -> [HTML] {
        let id = application["id"]?.intValue ?? 0
        let status = application["status"]?.intValue ?? 0
        let orders = (application["business_list"]?.arrayValue ?? []).compactMap { $0["business_no"]?.stringValue }.joined(separator: ", ")
        var statusCell: HTML = Components.badge(application["status_name"]?.stringValue ?? "", kind: "application-\(status)")
        if let reason = application["refuse_reason"]?.stringValue, !reason.isEmpty {
            statusCell = statusCell + "<br><span class=\"why\">\(context.t(CommonText.reason)): \(reason)</span>"
        }
        var actions: [HTML] = []
        if status == 0 || status == 3 {
            actions.append("<a href=\"/my/applications/\(id)/edit\">\(context.t(en: "Edit", zh: "编辑", fa: "ویرایش"))</a>")
            actions.append(
                Components.button(
                    context, action: "/my/applications/\(id)/delete", label: context.t(en: "Delete", zh: "删除", fa: "حذف"), danger: true,
                    confirm: true))
        }
        return [
            Components.time(application["add_time"], zone: zone), "<bdi>\(orders)</bdi>",
            "\(application["total_price"]?.stringValue ?? "")", "\(application["invoice_type_name"]?.stringValue ?? "")", statusCell,
            issued(context, application), "<div class=\"cell-actions\">\(actions)</div>",
        ]
    }

    /// The issued invoice: e-invoice links, or the courier and tracking number.
    static func issued(_ context: PageContext, _ application: JSON) -> HTML {
        let links = (application["electronic_invoice"]?.arrayValue ?? []).map { entry -> HTML in
            let url = entry["url"]?.stringValue ?? ""
            let safe = url.hasPrefix("https://") || url.hasPrefix("http://") ? url : "#"
            return "<a href=\"\(safe)\" rel=\"noopener noreferrer\" target=\"_blank\">\(entry["title"]?.stringValue ?? url)</a>"
        }
        if !links.isEmpty { return links.joined }
        if let express = application["express_number"]?.stringValue, !express.isEmpty {
            return "\(application["express_name"]?.stringValue ?? "") \(express)"
        }
        return ""
    }

    static func delete(_ context: PageContext, id: String) async -> DashboardResponse {
        context.after(await context.call("invoice", "user", "delete", ["ids": .string(id)]), redirect: "/my/applications")
    }
}
