import PluginSDK
import Printing

extension PrintedInvoice {
    /// The printed form of `invoice` for a reader of `language`: a receipt when it is paid, a
    /// pro forma bill when `kind` says so; with the store's name, address, tax id and logo, the
    /// customer's bill-to details and the tax-invoice application holding it, if any.
    init(
        invoice: Invoice, kind: Kind, settings: StoreSettings, logo: PNGImage?, customerName: String?, application: Application?,
        language: Language, calendar: PDFCalendar
    ) {
        let format = LocalFormat(language: language, calendar: calendar, zone: settings.timeZone)
        let money = { (value: Money) in format.money(value, invoice.currency) }
        self.kind = kind
        self.language = language
        direction = language == .fa ? .rightToLeft : .leftToRight
        heading = (kind == .proForma ? PDFLabels.proForma : PDFLabels.invoice)(language)
        self.logo = logo
        storeName = format.isolated(settings.storeName)
        storeAddress = format.isolated(settings.storeAddress)
        storeTaxID = settings.storeTaxID.isEmpty ? "" : PDFLabels.taxID(language) + " " + format.isolated(settings.storeTaxID)
        number = invoice.number
        notice = kind == .proForma ? PDFLabels.unpaidNotice(language) : ""

        billToHeading = PDFLabels.billTo(language)
        billTo = Self.billTo(invoice.customer, accountName: customerName, format: format)

        var facts = [Fact(label: PDFLabels.number(language), value: format.isolated(invoice.number))]
        facts.append(Fact(label: PDFLabels.issued(language), value: format.dateTime(invoice.createdAt)))
        if kind == .proForma, let due = invoice.expiresAt {
            facts.append(Fact(label: PDFLabels.due(language), value: format.dateTime(due)))
        }
        if let paidAt = invoice.paidAt { facts.append(Fact(label: PDFLabels.paidAt(language), value: format.dateTime(paidAt))) }
        if kind == .receipt || invoice.gatewayType != nil {
            facts.append(Fact(label: PDFLabels.paymentMethod(language), value: ShopXOLabels.payment(invoice.gatewayType)(language)))
        }
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
            Row(
                position: format.count(Int64(index + 1)), title: format.isolated(line.input.title),
                description: format.isolated(line.input.description), quantity: format.count(line.input.quantity),
                unitPrice: money(line.input.amount), discount: line.discount + line.coupon == .zero ? "" : money(line.discount + line.coupon),
                tax: money(line.vat), amount: money(line.total))
        }

        let subtotal = invoice.lines.reduce(Money.zero) { $0 + $1.gross }
        let discount = invoice.lines.reduce(Money.zero) { $0 + $1.discount }
        var totals = [Fact(label: PDFLabels.subtotal(language), value: money(subtotal))]
        if discount != .zero { totals.append(Fact(label: PDFLabels.discount(language), value: money(.zero - discount))) }
        let coupon = invoice.lines.reduce(Money.zero) { $0 + $1.coupon }
        if coupon != .zero, let code = invoice.lines.first(where: { !$0.input.couponCode.isEmpty })?.input.couponCode {
            totals.append(Fact(label: PDFLabels.coupon(language) + " " + format.isolated(code), value: money(.zero - coupon)))
        }
        let vatLabel = invoice.tax.inclusive ? PDFLabels.vatIncluded : PDFLabels.vat
        totals.append(
            Fact(label: vatLabel(language) + " " + format.percent(basisPoints: invoice.tax.rateBasisPoints), value: money(invoice.vat)))
        totals.append(Fact(label: PDFLabels.total(language), value: money(invoice.total), strong: true))
        if invoice.refunded != .zero { totals.append(Fact(label: PDFLabels.refunded(language), value: money(invoice.refunded))) }
        self.totals = totals

        if kind == .proForma, let url = invoice.checkoutURL, url.hasPrefix("https://") || url.hasPrefix("http://") {
            payLink = Fact(label: PDFLabels.payOnline(language), value: format.isolated(url))
        } else {
            payLink = nil
        }
        footer = (kind == .proForma ? PDFLabels.proFormaFooter : PDFLabels.voucher)(language)
        pageLabel = PDFLabels.page(language)
        continuedLabel = PDFLabels.continued(language)
        date = CivilTime.iso8601(invoice.updatedAt)
    }

    /// The bill-to lines: the name given with the invoice (else the customer's account name),
    /// email, address, city and country, and tax id, whichever are known. A tax id is
    /// `customer_information.tax_id`, or Sell.app's `vat` when it was sent as text.
    private static func billTo(_ customer: JSON, accountName: String?, format: LocalFormat) -> [String] {
        func text(_ key: String) -> String? {
            guard let value = customer[key]?.stringValue?.trimmingCharacters(), !value.isEmpty else { return nil }
            return value
        }
        var lines: [String] = []
        if let name = text("name") ?? accountName.flatMap({ $0.isEmpty ? nil : $0 }) { lines.append(format.isolated(name)) }
        if let email = text("email") { lines.append(format.isolated(email)) }
        if let address = text("address") { lines.append(format.isolated(address)) }
        let place = [text("location"), text("country")].compactMap { $0 }.joined(separator: ", ")
        if !place.isEmpty { lines.append(format.isolated(place)) }
        if let taxID = text("tax_id") ?? text("vat") {
            lines.append(PDFLabels.taxID(format.language) + " " + format.isolated(taxID))
        }
        return lines
    }
}
