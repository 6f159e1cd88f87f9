import Kernel
import PluginSDK

/// `/manage/schedules`: the store's recurring invoices (`schedule/merchant/list`);
/// `/manage/schedules/<code>` one schedule with its past and next occurrences
/// (`merchant/view`, `merchant/occurrences`) and pause / resume / cancel.
enum SchedulesPage {
    static let statuses = ["active", "paused", "cancelled", "completed"]

    static func route(_ context: PageContext, _ parts: [String]) async -> DashboardResponse {
        switch (parts.count, context.request.isPost) {
        case (0, false): return await list(context)
        case (1, false): return await detail(context, code: parts[0])
        case (2, true) where ["pause", "resume", "cancel"].contains(parts[1]):
            let answer = await context.callForStore("schedule", "merchant", parts[1], ["code": .string(parts[0])])
            return context.after(answer, redirect: "/manage/schedules/" + QueryText.escape(parts[0]))
        default: return ErrorPage.notFound(context)
        }
    }

    static func list(_ context: PageContext) async -> DashboardResponse {
        let query = context.request.query
        var params: JSONObject = ["page": .string(query.string("page") ?? "1"), "page_size": "20"]
        if let status = query.string("status"), !status.isEmpty { params["status"] = .string(status) }
        let answer = await context.callForStore("schedule", "merchant", "list", params)
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let filter =
            Components.select(
                context.t(CommonText.status), name: "status",
                options: [("", context.t(CommonText.all))] + statuses.map { ($0, context.t(word($0))) },
                selected: query.string("status") ?? "", autosubmit: true) + Components.submit(context.t(CommonText.filter))
        let items = answer.data["items"]?.arrayValue ?? []
        let zone = await context.timeZone()
        let rows = items.map { schedule -> [HTML] in
            let code = schedule["code"]?.stringValue ?? ""
            let status = schedule["status"]?.stringValue ?? ""
            return [
                "<a href=\"/manage/schedules/\(QueryText.escape(code))\">\(code)</a>", "\(schedule["title"]?.stringValue ?? "")",
                Components.badge(context.t(word(status)), kind: status), "\(schedule["occurrencesDone"]?.intValue ?? 0)",
                Components.time(schedule["nextSendDate"], zone: zone),
                Components.money(schedule["totals"]?["total"], schedule["totals"]?["currency"]),
            ]
        }
        let headers = [
            context.t(en: "Code", zh: "编号", fa: "کد"), context.t(en: "Title", zh: "标题", fa: "عنوان"), context.t(CommonText.status),
            context.t(en: "Sent", zh: "已发送", fa: "ارسال‌شده"), context.t(en: "Next", zh: "下次发送", fa: "ارسال بعدی"),
            context.t(CommonText.total),
        ]
        let body: [HTML] = [
            "<form method=\"get\" action=\"/manage/schedules\" class=\"filters\">\(filter)</form>", Components.failure(answer),
            Components.table(context, caption: context.t(ManageText.schedules), headers: headers, rows: rows),
            SimplePager.links(context, count: items.count, pageSize: 20),
        ]
        return ManageRouter.page(context, title: context.t(ManageText.schedules), body.joined)
    }

    static func detail(_ context: PageContext, code: String) async -> DashboardResponse {
        let answer = await context.callForStore("schedule", "merchant", "view", ["code": .string(code)])
        guard answer.ok else { return ErrorPage.refused(context, answer) }
        let occurrences = await context.callForStore("schedule", "merchant", "occurrences", ["code": .string(code)])
        let schedule = answer.data
        let status = schedule["status"]?.stringValue ?? ""
        let base = "/manage/schedules/" + QueryText.escape(code)
        var buttons: [HTML] = []
        if status == "active" {
            buttons.append(Components.button(context, action: base + "/pause", label: context.t(en: "Pause", zh: "暂停", fa: "توقف موقت")))
        }
        if status == "paused" {
            buttons.append(Components.button(context, action: base + "/resume", label: context.t(en: "Resume", zh: "恢复", fa: "ادامه")))
        }
        if status == "active" || status == "paused" {
            buttons.append(
                Components.button(
                    context, action: base + "/cancel", label: context.t(en: "Cancel schedule", zh: "取消", fa: "لغو"), danger: true,
                    confirm: true))
        }
        let zone = await context.timeZone()
        let next = (occurrences.data["next"]?.arrayValue ?? []).map { entry -> [HTML] in
            ["\(entry["sequence"]?.intValue ?? 0)", Components.time(entry["sendDate"], zone: zone), Components.time(entry["dueDate"], zone: zone)]
        }
        let done = (occurrences.data["done"]?.arrayValue ?? []).map { entry -> [HTML] in
            let values = entry.objectValue.map { object in object.map { key, value in "\(key): \(value.stringValue ?? value.text)" } } ?? []
            return ["\(values.joined(separator: " · "))"]
        }
        let sequence = context.t(en: "Occurrence", zh: "期数", fa: "نوبت")
        let body: [HTML] = [
            Components.facts([
                (context.t(en: "Title", zh: "标题", fa: "عنوان"), "\(schedule["title"]?.stringValue ?? "")"),
                (context.t(CommonText.status), Components.badge(context.t(word(status)), kind: status)),
                (context.t(CommonText.total), Components.money(schedule["totals"]?["total"], schedule["totals"]?["currency"])),
                (context.t(en: "Customers", zh: "客户数", fa: "مشتریان"), "\(schedule["customers"]?.intValue ?? 0)"),
            ]),
            "<div class=\"cell-actions\">\(buttons)</div>",
            Components.table(
                context, caption: context.t(en: "Next occurrences", zh: "即将发送", fa: "نوبت‌های بعدی"),
                headers: [
                    sequence, context.t(en: "Send date", zh: "发送日期", fa: "تاریخ ارسال"), context.t(en: "Due date", zh: "到期日", fa: "سررسید"),
                ], rows: next),
            Components.table(
                context, caption: context.t(en: "Past occurrences", zh: "已发送", fa: "نوبت‌های گذشته"), headers: [sequence], rows: done),
            "<p><a href=\"/manage/schedules\">\(context.t(CommonText.back))</a></p>",
        ]
        return ManageRouter.page(context, title: context.t(ManageText.schedules) + " " + code, body.joined)
    }

    static func word(_ status: String) -> LocalizedText {
        switch status {
        case "active": LocalizedText(en: "Active", zh: "进行中", fa: "فعال")
        case "paused": LocalizedText(en: "Paused", zh: "已暂停", fa: "متوقف")
        case "cancelled": LocalizedText(en: "Cancelled", zh: "已取消", fa: "لغوشده")
        case "completed": LocalizedText(en: "Completed", zh: "已完成", fa: "پایان‌یافته")
        default: LocalizedText(verbatim: status)
        }
    }
}

/// Previous / next links for lists that answer a page without a total.
enum SimplePager {
    static func links(_ context: PageContext, count: Int, pageSize: Int) -> HTML {
        let page = context.request.query.string("page").flatMap { Int64($0) } ?? 1
        return Components.pager(context, page: page, pageTotal: count < pageSize ? page : page + 1, total: Int64(count))
    }
}
