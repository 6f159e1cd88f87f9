import Kernel
import PluginSDK

/// `/manage/stores`: stores (`system/stores/list`), creating and renaming them.
enum StoresPage {
    static func route(_ context: PageContext, _ parts: [String]) async -> DashboardResponse {
        switch (parts.count, context.request.isPost) {
        case (0, false): return await list(context, failure: nil)
        case (1, true) where parts[0] == "create":
            return await context.submit("system", "stores", "create", redirect: "/manage/stores") { await list(context, failure: $0) }
        case (2, true) where parts[1] == "update":
            return await context.submit("system", "stores", "update", adding: ["id": .string(parts[0])], redirect: "/manage/stores") {
                await list(context, failure: $0)
            }
        default: return ErrorPage.notFound(context)
        }
    }

    static func list(_ context: PageContext, failure: Answer?) async -> DashboardResponse {
        let answer = await context.call("system", "stores", "list")
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let rows = (answer.data.arrayValue ?? []).map { store -> [HTML] in
            let id = store["id"]?.intValue ?? 0
            let rename = Components.form(
                context, action: "/manage/stores/\(id)/update", classes: "inline",
                Components.input(
                    context.t(CommonText.name), name: "name", value: store["name"]?.stringValue ?? "", required: true, id: "store-\(id)")
                    + "<button type=\"submit\" class=\"secondary\">\(context.t(CommonText.save))</button>")
            return ["\(id)", rename]
        }
        let create = Components.form(
            context, action: "/manage/stores/create",
            Components.input(context.t(CommonText.name), name: "name", required: true) + Components.submit(context.t(CommonText.create)))
        let body: [HTML] = [
            failure.map(Components.failure) ?? "", Components.failure(answer),
            Components.table(context, caption: context.t(ManageText.stores), headers: ["ID", context.t(CommonText.name)], rows: rows),
            "<section><h2>\(context.t(en: "New store", zh: "新建店铺", fa: "فروشگاه جدید"))</h2>\(create)</section>",
        ]
        return ManageRouter.page(context, title: context.t(ManageText.stores), body.joined, status: failure == nil ? 200 : 422)
    }
}
