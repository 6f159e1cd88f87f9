import PluginSDK

/// `user/saveinfo`: what the application form needs. New (`ids` + `type`): the orders are checked
/// now and summed in `save_base_data`; `data` is null, or the user's last details when the config
/// asks for a prefill (never with an `id`). Edit (`id`): the application itself in `data`, every
/// value a string, and its real total.
enum SaveInfo {
    /// The fields copied from the user's last application into a new form.
    static let prefillKeys = ["apply_type", "invoice_type"] + ApplicationForm.textFields.filter { $0 != "user_note" }

    static func handle(_ context: ActionContext) async throws -> Reply {
        let user = try context.requireUser()
        let config = ShopXOConfig(context.config)
        let language = context.language
        let data: JSON
        let saveBase: JSON
        if let id = try editID(context.params) {
            let (found, zone) = try await context.storage.read { db in
                (try ApplicationRecords.find(db, id: id, userID: user.id), try SettingsRecords.load(db, storeID: user.storeID, context: context).timeZone)
            }
            guard let application = found else { throw KernelError.notFound }
            guard application.status.isEditable else { throw ApplicationMessages.notEditable }
            data = application.formData(zone: zone)
            saveBase = BusinessSelection.saveBaseData(
                kind: application.kind, total: application.total.formatted(application.currency),
                items: application.items.map { ($0.invoiceID, $0.businessNo) }, language)
        } else {
            let kind = try BusinessSelection.kind(context.params, config: config)
            let ids = try BusinessSelection.ids(context.params)
            let prefill = config.flag(
                context.params.string("application") == "app" ? "is_app_invoice_default_last_info" : "is_web_invoice_default_last_info")
            let (selection, last) = try await context.storage.read { db in
                (
                    try BusinessSelection.load(db, userID: user.id, kind: kind, ids: ids, rules: EligibilityRules.load(db, context: context, storeID: user.storeID)),
                    prefill ? try ApplicationRecords.latest(db, userID: user.id) : nil
                )
            }
            data = last.map(lastDetails) ?? .null
            saveBase = selection.saveBaseData(language)
        }
        return .ok([
            "base": config.json,
            "data": data,
            "save_base_data": saveBase,
            "apply_type_list": ShopXOLabels.choices(ApplyType.allCases, language, ShopXOLabels.applyType),
            "invoice_content_list": .array(config.list("invoice_content_type").map { .string($0) }),
            "can_invoice_type_list": ShopXOLabels.choices(config.invoiceTypes, language, ShopXOLabels.invoiceType),
        ])
    }

    /// `id` when the form edits an application (absent or 0: a new one).
    static func editID(_ params: Params) throws -> Int64? {
        guard let id = try params.int("id"), id != 0 else { return nil }
        return id
    }

    /// The applicant's details from an earlier application, as strings, without its id.
    private static func lastDetails(_ application: Application) -> JSON {
        let all = application.formData(zone: .utc)  // the prefill keys hold no time
        return .object(JSONObject(prefillKeys.map { ($0, all[$0] ?? "") }))
    }
}
