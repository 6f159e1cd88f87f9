import PluginSDK

/// The events the invoice plugin publishes; the payload is the invoice as the merchant API
/// answers it (applications: the application with `store_id`, `currency` and `business_list`).
/// Remote plugins subscribe to these names.
public enum InvoiceEvents {
    /// An invoice was created.
    public static let created: EventName = "invoice.created"
    /// An invoice was paid in full.
    public static let paid: EventName = "invoice.paid"
    /// An invoice was refunded in part or in full.
    public static let refunded: EventName = "invoice.refunded"
    /// A pending invoice was canceled.
    public static let canceled: EventName = "invoice.canceled"
    /// A payment attempt failed; the invoice is `failed` until a later payment succeeds.
    public static let paymentFailed: EventName = "invoice.payment_failed"
    /// An admin reviewed a tax-invoice application.
    public static let applicationAudited: EventName = "application.audited"

    /// Every event the invoice plugin publishes.
    public static let all: [EventName] = [created, paid, refunded, canceled, paymentFailed, applicationAudited]
}

/// The invoice plugin's filter hooks.
public enum InvoiceFilters {
    /// The data an invoice PDF is rendered from, before rendering: a filter may add, change or
    /// remove fields (a footer, a stamp text, a translated label).
    public static let pdfData = FilterPoint<JSON>("invoice.pdf_data")
}
