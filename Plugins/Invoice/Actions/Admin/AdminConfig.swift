import PluginSDK

/// `admin/index`: the plugin's ShopXO config.
enum AdminIndex {
    static func handle(_ context: ActionContext) async throws -> Reply {
        .ok(["data": ShopXOConfig(context.config).json])
    }
}

/// `admin/saveinfo`: the config form: the current values and the choices it offers.
enum AdminSaveInfo {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let language = context.language
        return .ok([
            "data": ShopXOConfig(context.config).json,
            "can_invoice_type_list": ShopXOLabels.choices(TaxInvoiceType.allCases, language, ShopXOLabels.invoiceType),
            "apply_type_list": ShopXOLabels.choices(ApplyType.allCases, language, ShopXOLabels.applyType),
            "business_type_list": .array(InvoiceKind.allCases.map {
                ["id": .int($0.businessType), "name": .string(ShopXOLabels.business($0)(language))]
            }),
        ])
    }
}

/// `admin/save`: checks and stores the ShopXO keys sent; every other key of the plugin config
/// (`store_defaults`, ...) stays as it is. The change applies to the next request.
enum AdminSave {
    static func handle(_ context: ActionContext) async throws -> Reply {
        try await context.services.saveConfig(try ConfigInput.read(context.params))
        return .ok()
    }
}
