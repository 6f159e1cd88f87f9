import Foundation
import Kernel
import PluginSDK

/// `/manage/apikeys`: the store's API keys by prefix (`system/apikeys/list`), creating one with
/// scopes (`apikeys/create`; the key is shown once, on the answer page) and revoking
/// (`apikeys/revoke`).
enum APIKeysPage {
    static func route(_ context: PageContext, _ parts: [String]) async -> DashboardResponse {
        switch (parts.count, context.request.isPost) {
        case (0, false): return await list(context, failure: nil)
        case (1, true) where parts[0] == "create": return await create(context)
        case (2, true) where parts[1] == "revoke":
            return context.after(
                await context.callForStore("system", "apikeys", "revoke", ["id": .string(parts[0])]), redirect: "/manage/apikeys")
        default: return ErrorPage.notFound(context)
        }
    }

    private static func create(_ context: PageContext) async -> DashboardResponse {
        let form = context.request.form
        let scopes = (form["scopes"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
        let answer = await context.callForStore(
            "system", "apikeys", "create", ["scopes": .string(scopes), "name": .string(form.string("name") ?? "")])
        guard answer.ok, let key = answer.data["key"]?.stringValue else {
            if answer.needsLogin { return ErrorPage.refused(context, answer) }
            return await list(context, failure: answer)
        }
        let body: HTML = """
            \(Components.notice(context.t(ManageText.shownOnce)))
            <p><label for="new-key">\(context.t(en: "New API key", zh: "新 API 密钥", fa: "کلید API جدید"))</label>
            <input id="new-key" class="secret" readonly value="\(key)" data-select-on-focus></p>
            <p><a href="/manage/apikeys">\(context.t(CommonText.back))</a></p>
            """
        return ManageRouter.page(context, title: context.t(ManageText.apiKeys), body)
    }

    static func list(_ context: PageContext, failure: Answer?) async -> DashboardResponse {
        let answer = await context.callForStore("system", "apikeys", "list")
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let zone = await context.timeZone()
        let rows = (answer.data["items"]?.arrayValue ?? []).map { key -> [HTML] in
            let id = key["id"]?.intValue ?? 0
            let revoked = key["revoked"]?.boolValue == true
            let prefix = key["prefix"]?.stringValue ?? ""
            let action: HTML =
                revoked
                ? Components.badge(context.t(en: "Revoked", zh: "已吊销", fa: "باطل‌شده"), kind: "canceled")
                : Components.button(
                    context, action: "/manage/apikeys/\(id)/revoke", label: context.t(en: "Revoke", zh: "吊销", fa: "ابطال"), danger: true,
                    confirm: true)
            return [
                "<code>\(prefix.isEmpty ? "#\(id)" : prefix + "…")</code>", "\(key["name"]?.stringValue ?? "")",
                "\((key["scopes"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", "))",
                key["created_at"]?.intValue.map { Components.time(.string(CivilTime.iso8601($0)), zone: zone) } ?? "", action,
            ]
        }
        let scopes = (answer.data["scopes"]?.arrayValue ?? []).compactMap(\.stringValue).map { scope -> HTML in
            Components.checkbox(
                scope == "*" ? "* (" + context.t(CommonText.all) + ")" : scope, name: "scopes[]", checked: false, value: scope,
                id: "scope-\(scope == "*" ? "all" : scope)")
        }
        let create = Components.form(
            context, action: "/manage/apikeys/create",
            Components.input(context.t(CommonText.name), name: "name")
                + "<fieldset><legend>\(context.t(en: "Scopes", zh: "权限范围", fa: "محدوده‌ها"))</legend>\(scopes)</fieldset>"
                + Components.submit(context.t(CommonText.create)))
        let body: [HTML] = [
            failure.map(Components.failure) ?? "", Components.failure(answer),
            Components.table(
                context, caption: context.t(ManageText.apiKeys),
                headers: [
                    context.t(en: "Key", zh: "密钥", fa: "کلید"), context.t(CommonText.name),
                    context.t(en: "Scopes", zh: "权限范围", fa: "محدوده‌ها"),
                    context.t(CommonText.created), context.t(CommonText.actions),
                ], rows: rows),
            "<section><h2>\(context.t(en: "New API key", zh: "新 API 密钥", fa: "کلید API جدید"))</h2>\(create)</section>",
        ]
        return ManageRouter.page(context, title: context.t(ManageText.apiKeys), body.joined, status: failure == nil ? 200 : 422)
    }
}
