import PluginSDK

/// A user's request for a tax invoice over paid orders or recharges of one kind (ShopXO's invoice
/// application). Its total is the server's sum of what was paid for them, in one currency.
struct Application: Sendable {
    /// One order or recharge the application covers.
    struct Item: Sendable, Equatable {
        let invoiceID: Int64
        /// The order or recharge number shown to the user (the invoice number).
        let businessNo: String
    }

    let id: Int64
    let storeID: Int64
    let userID: Int64
    let kind: InvoiceKind
    var status: ApplicationStatus
    let currency: Currency
    var total: Money
    var form: ApplicationForm
    /// The issued e-invoice files, `[{title, url}]`; nil until issued.
    var electronicInvoice: JSON?
    var expressName: String
    var expressNumber: String
    var refuseReason: String
    let addTime: Int64
    var updTime: Int64?
    var items: [Item]
}

/// What the applicant fills in: the invoice and applicant types and the text fields, kept under
/// their ShopXO names (which are also the column names).
struct ApplicationForm: Sendable, Equatable {
    /// The text fields in the order ShopXO lists them.
    static let textFields = [
        "invoice_content", "invoice_title", "invoice_code", "invoice_bank", "invoice_account", "invoice_tel",
        "invoice_address", "name", "tel", "email", "address", "user_note",
    ]

    var invoiceType: TaxInvoiceType
    var applyType: ApplyType
    var texts: [String: String]

    /// A text field's value, "" when not given.
    subscript(field: String) -> String { texts[field] ?? "" }
}
