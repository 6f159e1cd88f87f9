import Kernel
import PluginSDK

/// `/manage/plugins`: every plugin (`system/plugin/list`) with enable / disable; and
/// `/manage/plugins/<name>` its config as a form built from the plugin's config schema
/// (`system/plugin/config`), saved with `system/plugin/saveconfig` (which checks it against the
/// schema). A plugin without a schema is edited as JSON.
enum PluginsPage {
    static func route(_ context: PageContext, _ parts: [String]) async -> DashboardResponse {
        switch (parts.count, context.request.isPost) {
        case (0, false): return await list(context)
        case (1, _): return await configure(context, name: parts[0])
        case (2, true) where parts[1] == "enable" || parts[1] == "disable":
            let answer = await context.call("system", "plugin", parts[1], ["name": .string(parts[0])])
            return context.after(answer, redirect: "/manage/plugins")
        default: return ErrorPage.notFound(context)
        }
    }

    static func list(_ context: PageContext) async -> DashboardResponse {
        let answer = await context.call("system", "plugin", "list")
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let rows = (answer.data.arrayValue ?? []).map { plugin -> [HTML] in
            let name = plugin["name"]?.stringValue ?? ""
            let enabled = plugin["enabled"]?.boolValue == true
            let installed = plugin["installed"]?.boolValue == true
            var actions: [HTML] = []
            if installed && name != "system" {
                actions.append(
                    Components.button(
                        context, action: "/manage/plugins/\(name)/\(enabled ? "disable" : "enable")",
                        label: context.t(enabled ? CommonText.disable : CommonText.enable), danger: enabled, confirm: enabled))
            }
            if installed { actions.append("<a href=\"/manage/plugins/\(name)\">\(context.t(ManageText.configure))</a>") }
            return [
                "\(plugin["title"]?.stringValue ?? name) <code>\(name)</code>", "\(plugin["version"]?.stringValue ?? "")",
                "\(plugin["source"]?.stringValue ?? "")",
                Components.badge(context.t(enabled ? CommonText.enabled : CommonText.disabled), kind: enabled ? "paid" : "canceled"),
                "<div class=\"cell-actions\">\(actions)</div>",
            ]
        }
        let headers = [
            context.t(CommonText.name), context.t(en: "Version", zh: "版本", fa: "نسخه"), context.t(en: "Source", zh: "来源", fa: "منبع"),
            context.t(CommonText.status), context.t(CommonText.actions),
        ]
        let body =
            Components.failure(answer) + Components.table(context, caption: context.t(ManageText.plugins), headers: headers, rows: rows)
        return ManageRouter.page(context, title: context.t(ManageText.plugins), body)
    }

    static func configure(_ context: PageContext, name: String) async -> DashboardResponse {
        let current = await context.call("system", "plugin", "config", ["name": .string(name)])
        guard current.ok else { return ErrorPage.refused(context, current) }
        let schema = current.data["schema"]?.arrayValue
        var failure: String?
        if context.request.isPost {
            switch config(from: context.request.form, schema: schema) {
            case .success(let config):
                let answer = await context.call("system", "plugin", "saveconfig", ["name": .string(name), "config": .object(config)])
                if answer.ok || answer.needsLogin { return context.after(answer, redirect: "/manage/plugins/\(name)") }
                failure = answer.message
            case .failure:
                failure = context.t(en: "That is not valid JSON.", zh: "不是有效的 JSON。", fa: "JSON معتبر نیست.")
            }
        }
        let values = current.data["config"] ?? .emptyObject
        let fields: HTML
        if let schema {
            fields = schema.map { field($0, values, context) }.joined
        } else {
            fields = Components.textarea(
                context.t(en: "Config (JSON)", zh: "配置（JSON）", fa: "پیکربندی (JSON)"), name: "config",
                value: context.request.form.string("config") ?? values.text, rows: 12)
        }
        let notice: HTML = failure.map { Components.notice($0, error: true) } ?? ""
        let body =
            notice + Components.form(context, action: "/manage/plugins/\(name)", fields + Components.submit(context.t(CommonText.save)))
            + "<p><a href=\"/manage/plugins\">\(context.t(CommonText.back))</a></p>"
        return ManageRouter.page(context, title: context.t(ManageText.configure) + " " + name, body, status: failure == nil ? 200 : 422)
    }

    /// One schema field as an input of its type.
    private static func field(_ spec: JSON, _ values: JSON, _ context: PageContext) -> HTML {
        let name = spec["name"]?.stringValue ?? ""
        let type = spec["type"]?.stringValue ?? "string"
        let value = values[name]
        let posted = context.request.isPost ? context.request.form.string(name) : nil
        let label = name + (spec["required"]?.boolValue == true ? " *" : "")
        let hint = spec["summary"]?.stringValue
        if let allowed = spec["allowed"]?.arrayValue?.compactMap(\.stringValue) {
            return Components.select(
                label, name: name, options: [("", "—")] + allowed.map { ($0, $0) }, selected: posted ?? value?.stringValue ?? "")
        }
        switch type {
        case "boolean":
            let current = posted ?? (value?.boolValue == true ? "1" : value == nil ? "" : "0")
            return Components.select(
                label, name: name, options: [("", "—"), ("1", context.t(CommonText.yes)), ("0", context.t(CommonText.no))],
                selected: current)
        case "integer":
            return Components.input(label, name: name, value: posted ?? value?.stringValue ?? "", type: "number", hint: hint)
        case "array", "object":
            return Components.textarea(label + " (JSON)", name: name, value: posted ?? value?.text ?? "", hint: hint)
        default:
            return Components.input(label, name: name, value: posted ?? value?.stringValue ?? "", hint: hint)
        }
    }

    private struct NotJSON: Error {}

    /// The posted form as a config object typed by the schema; empty fields are left out.
    private static func config(from form: Params, schema: [JSON]?) -> Result<JSONObject, NotJSON> {
        guard let schema else {
            guard let parsed = try? JSON.parse(Array((form.string("config") ?? "").utf8)), let object = parsed.objectValue else {
                return .failure(NotJSON())
            }
            return .success(object)
        }
        var config: JSONObject = [:]
        for spec in schema {
            guard let name = spec["name"]?.stringValue, let text = form.string(name), !text.isEmpty else { continue }
            switch spec["type"]?.stringValue {
            case "integer": config[name] = Int64(text).map { .int($0) } ?? .string(text)
            case "boolean": config[name] = .bool(text == "1")
            case "array", "object":
                guard let parsed = try? JSON.parse(Array(text.utf8)) else { return .failure(NotJSON()) }
                config[name] = parsed
            default: config[name] = .string(text)
            }
        }
        return .success(config)
    }
}
