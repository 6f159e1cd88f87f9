import PluginSDK

/// The invoice plugin: paid orders become invoices (Sell.app's model, merchant API and gateway
/// events); users apply for tax invoices and admins configure, review and issue them (ShopXO's
/// invoice plugin, same actions and answers).
public struct InvoicePlugin: Plugin {
    /// Renders and caches invoice PDFs; one per plugin instance.
    private let printer = InvoicePrinter()

    public init() {}

    public let manifest = PluginManifest(
        name: "invoice", title: "Invoice", version: "1.0.0", author: "invoice-server",
        description: "Invoices for paid orders, tax-invoice applications, review and issue.",
        clientTypes: ["pc", "h5", "ios", "android", "weixin", "alipay", "baidu", "toutiao", "qq"])

    public var migrations: [Migration] { InvoiceMigrations.all }

    public var defaultConfig: JSON { InvoiceConfig.defaults }

    public var configSchema: [Param]? { InvoiceConfigSchema.params }

    public var routes: [Route] { InvoiceRoutes.all + PDFRoutes.all(printer) }

    /// Offers `InvoiceService` (`create`, `quote`, `lines`, `status`) to other plugins
    /// (schedule, copy), and calls invoices' `webhooks` URLs through the outbox.
    public func register(with services: PluginServices) {
        InvoiceServices(services: services).register()
        InvoiceWebhooks(services: services).register()
    }
}
