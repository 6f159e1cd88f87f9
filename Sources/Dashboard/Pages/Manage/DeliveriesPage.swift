import Kernel
import PluginSDK

/// `/manage/deliveries`: the store's outbox delivery log - webhooks, SMS and email
/// (`schedule/delivery/list`) - with redeliver (`delivery/redeliver`, same event id).
enum DeliveriesPage {
    static func route(_ context: PageContext, _ parts: [String]) async -> DashboardResponse {
        switch (parts.count, context.request.isPost) {
        case (0, false): return await list(context)
        case (2, true) where parts[1] == "redeliver":
            let answer = await context.callForStore("schedule", "delivery", "redeliver", ["event_id": .string(parts[0])])
            return context.after(answer, redirect: "/manage/deliveries")
        default: return ErrorPage.notFound(context)
        }
    }

    static func list(_ context: PageContext) async -> DashboardResponse {
        let query = context.request.query
        var params: JSONObject = ["page": .string(query.string("page") ?? "1"), "page_size": "20"]
        if let channel = query.string("channel"), !channel.isEmpty { params["channel"] = .string(channel) }
        let answer = await context.callForStore("schedule", "delivery", "list", params)
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let channels: [(value: String, label: String)] = [
            ("", context.t(CommonText.all)), ("webhook", "Webhook"), ("sms", "SMS"), ("email", context.t(CommonText.email)),
        ]
        let filter =
            Components.select(
                context.t(en: "Channel", zh: "渠道", fa: "کانال"), name: "channel", options: channels,
                selected: query.string("channel") ?? "", autosubmit: true)
            + Components.submit(context.t(CommonText.filter))
        let items = answer.data["items"]?.arrayValue ?? []
        let rows = items.map { entry -> [HTML] in
            let eventID = entry["event_id"]?.stringValue ?? ""
            let status = entry["status"]?.stringValue ?? ""
            let redeliver: HTML =
                status == "pending"
                ? ""
                : Components.button(
                    context, action: "/manage/deliveries/\(QueryText.escape(eventID))/redeliver",
                    label: context.t(en: "Redeliver", zh: "重新发送", fa: "ارسال دوباره"))
            return [
                "<code>\(eventID)</code>", "\(entry["channel"]?.stringValue ?? "")", "\(entry["topic"]?.stringValue ?? "")",
                "\(entry["destination"]?.stringValue ?? "")", Components.badge(status, kind: status), "\(entry["attempts"]?.intValue ?? 0)",
                "\(entry["last_error"]?.stringValue ?? "")", redeliver,
            ]
        }
        let headers = [
            context.t(en: "Event", zh: "事件", fa: "رویداد"), context.t(en: "Channel", zh: "渠道", fa: "کانال"),
            context.t(en: "Topic", zh: "主题", fa: "موضوع"),
            context.t(en: "To", zh: "接收方", fa: "گیرنده"), context.t(CommonText.status), context.t(en: "Attempts", zh: "尝试次数", fa: "تلاش‌ها"),
            context.t(en: "Last error", zh: "最近错误", fa: "آخرین خطا"), context.t(CommonText.actions),
        ]
        let body: [HTML] = [
            "<form method=\"get\" action=\"/manage/deliveries\" class=\"filters\">\(filter)</form>", Components.failure(answer),
            Components.table(context, caption: context.t(ManageText.deliveries), headers: headers, rows: rows),
            SimplePager.links(context, count: items.count, pageSize: 20),
        ]
        return ManageRouter.page(context, title: context.t(ManageText.deliveries), body.joined)
    }
}
