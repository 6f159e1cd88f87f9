import Kernel
import Storage

/// Every action of the invoice plugin and who may call it.
enum InvoiceRoutes {
    static let merchantScope = "invoices"

    static var all: [Route] {
        merchant + gateways + settings + ShopXORoutes.user + ShopXORoutes.orders + ShopXORoutes.admin
    }

    /// Sell.app-style invoice API for a store's systems (API key scope `invoices`) or admins.
    static let merchant: [Route] = [
        Route("merchant", "create", access: .apiKey(scope: merchantScope), handler: CreateInvoice.handle),
        Route("merchant", "view", access: .apiKey(scope: merchantScope), handler: ViewInvoice.handle),
        Route("merchant", "update", access: .apiKey(scope: merchantScope), handler: UpdateInvoice.handle),
        Route("merchant", "list", access: .apiKey(scope: merchantScope), handler: ListInvoices.handle),
        Route("merchant", "cancel", access: .apiKey(scope: merchantScope), handler: CancelInvoice.handle),
        Route("merchant", "pay", access: .apiKey(scope: merchantScope), handler: PayInvoice.handle),
        Route("merchant", "refund", access: .apiKey(scope: merchantScope), handler: RefundInvoice.handle),
    ]

    /// A store's invoicing settings (admins only: they include webhook secrets).
    static let settings: [Route] = [
        Route("settings", "view", access: .admin(), handler: StoreSettingsActions.view),
        Route("settings", "save", access: .admin(), handler: StoreSettingsActions.save),
    ]

    /// Signed payment events from gateways; the signature is the authentication.
    static let gateways: [Route] = [
        Route("gateway", "stripe", access: .public, handler: StripeIntake.handle),
        Route("gateway", "paypal", access: .public, handler: PayPalIntake.handle),
    ]
}
