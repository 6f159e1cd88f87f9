import PluginSDK

/// `user/center`: what the app loads before every list: the config (`base`), the status tabs
/// (`nav`) and the kinds of business the user may apply for (`invoice_business_list`).
enum UserCenter {
    /// Where the app lists each kind of business, and where it opens one of them.
    static let pages: [InvoiceKind: (page: String, detail: String)] = [
        .order: ("/pages/plugins/invoice/order/order", "/pages/user-order-detail/user-order-detail?id="),
        .recharge: (
            "/pages/plugins/invoice/business/business?type=1", "/pages/plugins/wallet/user-recharge-detail/user-recharge-detail?id="
        ),
    ]

    static func handle(_ context: ActionContext) async throws -> Reply {
        _ = try context.requireUser()
        let config = ShopXOConfig(context.config)
        let language = context.language
        let nav: [JSON] = [["id": -1, "name": .string(ShopXOLabels.all(language))]]
            + ApplicationStatus.allCases.map { ["id": .int($0.rawValue), "name": .string(ShopXOLabels.status($0)(language))] }
        let business: [JSON] = InvoiceKind.allCases.filter(config.offers).map { kind in
            let pages = Self.pages[kind] ?? ("", "")
            return [
                "type": .int(kind.businessType), "name": .string(ShopXOLabels.businessEntry(kind)(language)),
                "control": .string(kind.rawValue), "page": .string(pages.page),
                "no_field": kind == .order ? "order_no" : "recharge_no", "price_field": kind == .order ? "pay_price" : "pay_money",
                "detail_page": .string(pages.detail),
            ]
        }
        return .ok(["base": config.json, "nav": .array(nav), "invoice_business_list": .array(business)])
    }
}
