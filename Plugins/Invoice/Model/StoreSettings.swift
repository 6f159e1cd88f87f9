import PluginSDK

/// A store's invoicing settings: currency, tax, numbering, which gateways count as real money,
/// and the secrets that verify gateway events. Defaults come from the plugin config's
/// `store_defaults`; a store's own values are kept in `invoice_store_settings`.
struct StoreSettings: Sendable, Equatable {
    var currency: Currency
    var tax: TaxRule
    var numberPattern: NumberPattern
    var yearlyReset: Bool
    /// Gateways whose payments are real money and so may be invoiced (default stripe, paypal).
    var realMoneyGateways: [String]
    var stripeWebhookSecret: String
    var paypalWebhookSecret: String
    /// Signs the webhooks sent to an invoice's `webhooks` URLs (`X-Signature`); made on first
    /// need when the admin set none. Shown to admins, since receivers must check it.
    var webhookSigningSecret = ""
    var storeName: String
    var storeAddress: String
    /// The store's own tax or VAT registration number, printed under its address.
    var storeTaxID: String
    /// The language invoice PDFs are printed in when a request names none; nil follows the request.
    var pdfLanguage: Language?
    /// The calendar PDF dates use; nil means Persian (Jalali) for Persian PDFs, Gregorian otherwise.
    var pdfCalendar: PDFCalendar?
    /// The zone every time a person reads, filters by or files is in (PDFs, ShopXO's times, the
    /// number's year); stored times stay UTC. The server's `time_zone` until the store names one.
    var timeZone: TimeZoneRules

    static let fallback = StoreSettings(
        currency: Currency("USD")!, tax: TaxRule(rateBasisPoints: 0, inclusive: false), numberPattern: .standard,
        yearlyReset: true, realMoneyGateways: ["stripe", "paypal"], stripeWebhookSecret: "", paypalWebhookSecret: "",
        storeName: "", storeAddress: "", storeTaxID: "", pdfLanguage: nil, pdfCalendar: nil, timeZone: .utc)

    /// Settings read from a JSON object, each key falling back to `base`.
    init(json: JSON, base: StoreSettings = .fallback) {
        self = base
        if let code = json["currency"]?.stringValue, let currency = Currency(code) { self.currency = currency }
        if let rate = json["tax_rate_bp"]?.intValue, (0...100_000).contains(rate) { tax.rateBasisPoints = rate }
        if let inclusive = json["tax_inclusive"]?.boolValue { tax.inclusive = inclusive }
        if let pattern = json["number_pattern"]?.stringValue, NumberPattern(pattern: pattern).isValid {
            numberPattern = NumberPattern(pattern: pattern)
        }
        if let reset = json["yearly_reset"]?.boolValue { yearlyReset = reset }
        if let gateways = json["real_money_gateways"]?.arrayValue {
            realMoneyGateways = gateways.compactMap { $0.stringValue?.lowercased() }
        }
        if let secret = json["stripe_webhook_secret"]?.stringValue { stripeWebhookSecret = secret }
        if let secret = json["paypal_webhook_secret"]?.stringValue { paypalWebhookSecret = secret }
        if let secret = json["webhook_signing_secret"]?.stringValue { webhookSigningSecret = secret }
        if let name = json["store_name"]?.stringValue { storeName = name }
        if let address = json["store_address"]?.stringValue { storeAddress = address }
        if let taxID = json["store_tax_id"]?.stringValue { storeTaxID = taxID }
        if let language = json["pdf_language"]?.stringValue { pdfLanguage = Language(rawValue: language) }
        if let calendar = json["pdf_calendar"]?.stringValue { pdfCalendar = PDFCalendar(rawValue: calendar) }
        if let name = json["time_zone"]?.stringValue, let zone = TimeZoneRules.named(name) { timeZone = zone }
    }

    private init(
        currency: Currency, tax: TaxRule, numberPattern: NumberPattern, yearlyReset: Bool, realMoneyGateways: [String],
        stripeWebhookSecret: String, paypalWebhookSecret: String, storeName: String, storeAddress: String, storeTaxID: String,
        pdfLanguage: Language?, pdfCalendar: PDFCalendar?, timeZone: TimeZoneRules
    ) {
        self.currency = currency
        self.tax = tax
        self.numberPattern = numberPattern
        self.yearlyReset = yearlyReset
        self.realMoneyGateways = realMoneyGateways
        self.stripeWebhookSecret = stripeWebhookSecret
        self.paypalWebhookSecret = paypalWebhookSecret
        self.storeName = storeName
        self.storeAddress = storeAddress
        self.storeTaxID = storeTaxID
        self.pdfLanguage = pdfLanguage
        self.pdfCalendar = pdfCalendar
        self.timeZone = timeZone
    }

    /// The settings as stored and shown to admins; secrets are shown only as set or not.
    func json(revealSecrets: Bool) -> JSON {
        [
            "currency": .string(currency.code),
            "tax_rate_bp": .int(tax.rateBasisPoints),
            "tax_inclusive": .bool(tax.inclusive),
            "number_pattern": .string(numberPattern.pattern),
            "yearly_reset": .bool(yearlyReset),
            "real_money_gateways": .array(realMoneyGateways.map { .string($0) }),
            "stripe_webhook_secret": revealSecrets ? .string(stripeWebhookSecret) : .bool(!stripeWebhookSecret.isEmpty),
            "paypal_webhook_secret": revealSecrets ? .string(paypalWebhookSecret) : .bool(!paypalWebhookSecret.isEmpty),
            "webhook_signing_secret": .string(webhookSigningSecret),
            "store_name": .string(storeName),
            "store_address": .string(storeAddress),
            "store_tax_id": .string(storeTaxID),
            "pdf_language": .string(pdfLanguage?.rawValue ?? ""),
            "pdf_calendar": .string(pdfCalendar?.rawValue ?? ""),
            "time_zone": .string(timeZone.identifier),
        ]
    }
}
