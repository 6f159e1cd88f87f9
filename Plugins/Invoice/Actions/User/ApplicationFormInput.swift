import PluginSDK

/// Reads the application form of `user/save` and checks it against ShopXO's rules and the config.
enum ApplicationFormInput {
    /// The longest value each text field accepts, in characters.
    static let maxLengths: [String: Int] = [
        "invoice_content": 200, "invoice_title": 200, "invoice_code": 60, "invoice_bank": 200, "invoice_account": 60,
        "invoice_tel": 30, "invoice_address": 230, "name": 60, "tel": 30, "email": 254, "address": 230, "user_note": 500,
    ]

    /// The form from `invoice_type` and `apply_type` (numbers or numeric strings) and the text
    /// fields (trimmed); throws the first rule it breaks.
    static func read(_ params: Params, config: ShopXOConfig) throws -> ApplicationForm {
        guard let typeValue = params["invoice_type"]?.intValue, let invoiceType = TaxInvoiceType(rawValue: typeValue),
            config.invoiceTypes.contains(invoiceType)
        else { throw ApplicationMessages.invoiceTypeNotOffered }
        guard let applyValue = params["apply_type"]?.intValue, let applyType = ApplyType(rawValue: applyValue) else {
            throw ApplicationMessages.applyTypeUnknown
        }
        var texts: [String: String] = [:]
        for field in ApplicationForm.textFields {
            let value = (params[field]?.stringValue ?? "").trimmingCharacters()
            let limit = maxLengths[field] ?? 200
            guard value.count <= limit else { throw ApplicationMessages.tooLong(ShopXOLabels.field(field), max: limit) }
            texts[field] = value
        }
        let form = ApplicationForm(invoiceType: invoiceType, applyType: applyType, texts: texts)
        try check(form, contents: config.list("invoice_content_type"))
        return form
    }

    /// ShopXO's rules: special invoices go to companies; companies give their taxpayer id;
    /// e-invoices need an email, paper ones a postal address; special ones the company's bank and
    /// registration details; the content is one of those offered.
    static func check(_ form: ApplicationForm, contents: [String]) throws {
        if form.invoiceType.isSpecial && form.applyType != .enterprise { throw ApplicationMessages.specialNeedsCompany }
        var required = ["invoice_title"]
        if form.applyType == .enterprise { required.append("invoice_code") }
        if form.invoiceType.isSpecial { required += ["invoice_bank", "invoice_account", "invoice_tel", "invoice_address"] }
        if !form.invoiceType.isElectronic { required += ["name", "tel", "address"] }
        for field in required where form[field].isEmpty { throw ApplicationMessages.required(ShopXOLabels.field(field)) }
        if form.invoiceType.isElectronic && form["email"].isEmpty { throw ApplicationMessages.emailRequired }
        if !form["email"].isEmpty && !InvoiceInput.isEmail(form["email"]) { throw ApplicationMessages.emailMalformed }
        if !contents.isEmpty && !contents.contains(form["invoice_content"]) { throw ApplicationMessages.contentNotOffered }
    }
}
