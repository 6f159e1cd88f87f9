import PluginSDK

extension PrintedInvoice {
    /// The printed form of `invoice` for a reader of `language`, with the store's name and
    /// address, the customer's name and the tax-invoice application holding it, if any.
    init(
        invoice: Invoice, settings: StoreSettings, customerName: String?, application: Application?,
        language: Language, calendar: PDFCalendar
    ) {
        let format = LocalFormat(language: language, calendar: calendar)
        let money = { (value: Money) in format.money(value, invoice.currency) }
        self.language = language
        direction = language == .fa ? .rightToLeft : .leftToRight
        heading = PDFLabels.invoice(language)
        storeName = format.isolated(settings.storeName)
        storeAddress = format.isolated(settings.storeAddress)
        number = invoice.number

        var facts = [Fact(label: PDFLabels.number(language), value: format.isolated(invoice.number))]
        facts.append(Fact(label: PDFLabels.issued(language), value: format.dateTime(invoice.createdAt)))
        if let paidAt = invoice.paidAt { facts.append(Fact(label: PDFLabels.paidAt(language), value: format.dateTime(paidAt))) }
        let customer = format.isolated(Self.customer(invoice.customer, name: customerName))
        if !customer.isEmpty { facts.append(Fact(label: PDFLabels.customer(language), value: customer)) }
        facts.append(Fact(label: PDFLabels.paymentMethod(language), value: ShopXOLabels.payment(invoice.gatewayType)(language)))
        if let transaction = invoice.transactionID, !transaction.isEmpty {
            facts.append(Fact(label: PDFLabels.transaction(language), value: format.isolated(transaction)))
        }
        facts.append(Fact(label: PDFLabels.status(language), value: PDFLabels.invoiceStatus(invoice.status)(language)))
        self.facts = facts

        applicationHeading = PDFLabels.taxInvoice(language)
        if let application {
            self.application = [
                Fact(label: PDFLabels.taxTitle(language), value: format.isolated(application.form["invoice_title"])),
                Fact(label: PDFLabels.taxpayerID(language), value: format.isolated(application.form["invoice_code"])),
                Fact(label: PDFLabels.status(language), value: ShopXOLabels.status(application.status)(language)),
            ].filter { !$0.value.isEmpty }
        } else {
            self.application = []
        }

        columns = Row(
            position: PDFLabels.lineNumber(language), title: PDFLabels.item(language), quantity: PDFLabels.quantity(language),
            unitPrice: PDFLabels.unitPrice(language), discount: PDFLabels.discount(language), tax: PDFLabels.tax(language),
            amount: PDFLabels.amount(language))
        rows = invoice.lines.enumerated().map { index, line in
            let description = line.input.description.isEmpty ? "" : "\n" + format.isolated(line.input.description)
            return Row(
                position: format.count(Int64(index + 1)), title: format.isolated(line.input.title) + description,
                quantity: format.count(line.input.quantity), unitPrice: money(line.input.amount),
                discount: line.discount == .zero ? "" : money(line.discount), tax: money(line.vat), amount: money(line.total))
        }

        let subtotal = invoice.lines.reduce(Money.zero) { $0 + $1.gross }
        let discount = invoice.lines.reduce(Money.zero) { $0 + $1.discount }
        var totals = [Fact(label: PDFLabels.subtotal(language), value: money(subtotal))]
        if discount != .zero { totals.append(Fact(label: PDFLabels.discount(language), value: "-" + money(discount))) }
        let vatLabel = invoice.tax.inclusive ? PDFLabels.vatIncluded : PDFLabels.vat
        totals.append(
            Fact(label: vatLabel(language) + " " + format.percent(basisPoints: invoice.tax.rateBasisPoints), value: money(invoice.vat)))
        totals.append(Fact(label: PDFLabels.total(language), value: money(invoice.total), strong: true))
        if invoice.refunded != .zero { totals.append(Fact(label: PDFLabels.refunded(language), value: money(invoice.refunded))) }
        self.totals = totals

        footer = PDFLabels.voucher(language)
        pageLabel = PDFLabels.page(language)
        continuedLabel = PDFLabels.continued(language)
        date = UTCTime.iso8601(invoice.updatedAt)
    }

    /// The customer as printed: name, email, location and VAT number, whichever are known.
    private static func customer(_ customer: JSON, name: String?) -> String {
        var parts: [String] = []
        if let name, !name.isEmpty { parts.append(name) }
        for key in ["email", "location", "country", "vat"] {
            if let value = customer[key]?.stringValue, !value.isEmpty { parts.append(value) }
        }
        return parts.joined(separator: " · ")
    }
}
