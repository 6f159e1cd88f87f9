import Contracts
import PluginSDK

/// Turns a schedule's products, invoice-level discount and shipping into the lines of the
/// invoices it will create, priced by the invoice plugin (`InvoiceService.quote`) so the totals
/// shown now are exactly those of every invoice later.
///
/// The invoice plugin prices lines only, so the invoice-level discount is folded into the lines:
/// each line's own discount first, then the schedule's discount (a percent of, or a fixed amount
/// up to, the discounted subtotal) split across lines in proportion to what they cost, to the
/// cent. Shipping becomes an untaxed last line. Tax follows the store's rule on what remains.
enum SchedulePricing {
    struct Priced: Sendable {
        /// The lines and currency every invoice of the schedule is created with (stored as
        /// `InvoiceTemplate` JSON).
        var invoice: JSON
        /// `{currency, subtotal, discount, coupon, shipping, vat, total}` as decimal strings.
        var totals: JSON
    }

    /// `catalogCodes`: every product code must name a catalog item of the store (false for a
    /// copy of an invoice, whose lines keep that invoice's codes).
    static func price(
        _ request: ScheduleRequest, storeID: Int64, catalogCodes: Bool, db: Database, hooks: PluginHooks
    ) throws -> Priced {
        let products = try resolve(request.products, storeID: storeID, catalogCodes: catalogCodes, db: db)
        let first = try hooks.call(
            InvoiceService.quote, InvoiceQuoteRequest(currency: request.currency, lines: products.map(draft)), storeID: storeID, in: db)
        let exponent = first.exponent
        let gross = first.lines.map(\.gross)
        let lineDiscounts = first.lines.map(\.discount)
        let coupons = first.lines.map(\.coupon)
        let nets = first.lines.map { $0.gross - $0.discount - $0.coupon }
        let subtotal = nets.reduce(0, +)
        let discount: Int64
        if request.discountType == 0 {
            guard let basisPoints = Amount.minorUnits(request.discountAmount, exponent: 2) else {
                throw KernelError.badParameter("discountAmount", .malformed)
            }
            discount = Amount.roundHalfUp(subtotal, times: basisPoints, over: 10_000)
        } else {
            guard let fixed = Amount.minorUnits(request.discountAmount, exponent: exponent) else {
                throw KernelError.badParameter("discountAmount", .malformed)
            }
            discount = min(fixed, subtotal)
        }
        guard let shipping = Amount.minorUnits(request.shipping, exponent: exponent) else {
            throw KernelError.badParameter("shipping", .malformed)
        }
        let shares = Amount.split(discount, by: nets)
        var folded: [InvoiceLineDraft] = []
        for (index, product) in products.enumerated() {
            var line = draft(product)
            line.discountType = 1
            line.discountAmount = Amount.format(lineDiscounts[index] + shares[index], exponent: exponent)
            folded.append(line)
        }
        if shipping > 0 {
            folded.append(InvoiceLineDraft(code: "shipping", title: "Shipping", amount: Amount.format(shipping, exponent: exponent), discountType: 1))
        }
        let template = InvoiceTemplate(currency: first.currency, lines: folded)
        let second = try hooks.call(
            InvoiceService.quote, InvoiceQuoteRequest(currency: template.currency, lines: template.lines), storeID: storeID, in: db)
        let money = { (minor: Int64) in JSON.string(Amount.format(minor, exponent: exponent)) }
        let totals: JSON = [
            "currency": .string(first.currency),
            "subtotal": money(gross.reduce(0, +)),
            "discount": money(lineDiscounts.reduce(0, +) + discount),
            "coupon": money(coupons.reduce(0, +)),
            "shipping": money(shipping),
            "vat": money(second.vat),
            "total": money(second.total),
        ]
        return Priced(invoice: template.json, totals: totals)
    }

    /// Products that name a catalog item by `code` take its title, amount, description and tax
    /// flag when they do not give their own. A code that names no item of the store is refused,
    /// even with a title and amount (PayPing: items are created beforehand); unknown codes are
    /// reported together. A product without a code is a one-off line with its own title and
    /// amount.
    static func resolve(
        _ products: [ScheduleRequest.Product], storeID: Int64, catalogCodes: Bool, db: Database
    ) throws -> [ScheduleRequest.Product] {
        var unknown: [String] = []
        var resolved: [ScheduleRequest.Product] = []
        for var product in products {
            if !product.code.isEmpty, catalogCodes || product.title.isEmpty || product.amount.isEmpty {
                if let item = try CatalogRecords.item(db, storeID: storeID, code: product.code) {
                    if product.title.isEmpty { product.title = item.title }
                    if product.amount.isEmpty {
                        product.amount = item.amount
                        product.haveTax = product.haveTax || item.haveTax
                    }
                    if product.description.isEmpty { product.description = item.description }
                } else {
                    unknown.append(product.code)
                }
            }
            resolved.append(product)
        }
        guard unknown.isEmpty else { throw ScheduleMessages.unknownCodes("products", unknown) }
        for (index, product) in resolved.enumerated() {
            if product.title.isEmpty { throw KernelError.badParameter("products[\(index)].title", .missing) }
            if product.amount.isEmpty { throw KernelError.badParameter("products[\(index)].amount", .missing) }
        }
        return resolved
    }

    /// A product as the invoice plugin takes it.
    static func draft(_ product: ScheduleRequest.Product) -> InvoiceLineDraft {
        InvoiceLineDraft(
            code: product.code, title: product.title, description: product.description, haveTax: product.haveTax,
            quantity: product.quantity, amount: product.amount, discountAmount: product.discountAmount, discountType: product.discountType,
            couponCode: product.couponCode)
    }
}
