import Kernel
import Storage

/// Turns a schedule's products, invoice-level discount and shipping into the lines of the
/// invoices it will create, priced by the invoice plugin (`invoice.quote`) so the totals shown
/// now are exactly those of every invoice later.
///
/// The invoice plugin prices lines only, so the invoice-level discount is folded into the lines:
/// each line's own discount first, then the schedule's discount (a percent of, or a fixed amount
/// up to, the discounted subtotal) split across lines in proportion to what they cost, to the
/// cent. Shipping becomes an untaxed last line. Tax follows the store's rule on what remains.
enum SchedulePricing {
    struct Priced: Sendable {
        /// The `invoice.create` input shared by every invoice of the schedule.
        var invoice: JSON
        /// `{currency, subtotal, discount, shipping, vat, total}` as decimal strings.
        var totals: JSON
    }

    static func price(
        _ request: ScheduleRequest, storeID: Int64, now: Int64, db: Database, directory: ServiceDirectory
    ) throws -> Priced {
        let products = try resolve(request.products, storeID: storeID, db: db)
        var events: [HookEvent] = []
        var input: JSONObject = ["products": .array(products.map(lineJSON))]
        if let currency = request.currency { input["currency"] = .string(currency) }
        let first = try directory.call(QuoteNames.quote, input: .object(input), storeID: storeID, now: now, db: db, events: &events)
        let exponent = Int(first["exponent"]?.intValue ?? 2)
        let lines = first["lines"]?.arrayValue ?? []
        let gross = lines.map { $0["gross"]?.intValue ?? 0 }
        let lineDiscounts = lines.map { $0["discount"]?.intValue ?? 0 }
        let nets = zip(gross, lineDiscounts).map { $0 - $1 }
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
        var folded: [JSON] = []
        for (index, product) in products.enumerated() {
            var line = lineJSON(product).objectValue ?? JSONObject()
            line["discount_type"] = 1
            line["discount_amount"] = .string(Amount.format(lineDiscounts[index] + shares[index], exponent: exponent))
            folded.append(.object(line))
        }
        if shipping > 0 {
            folded.append([
                "code": "shipping", "title": "Shipping", "description": "", "have_tax": false, "quantity": 1,
                "amount": .string(Amount.format(shipping, exponent: exponent)), "discount_type": 1, "discount_amount": "0",
            ])
        }
        input["products"] = .array(folded)
        let currency = first["currency"] ?? .null
        input["currency"] = currency
        let second = try directory.call(QuoteNames.quote, input: .object(input), storeID: storeID, now: now, db: db, events: &events)
        let money = { (minor: Int64) in JSON.string(Amount.format(minor, exponent: exponent)) }
        let totals: JSON = [
            "currency": currency,
            "subtotal": money(gross.reduce(0, +)),
            "discount": money(lineDiscounts.reduce(0, +) + discount),
            "shipping": money(shipping),
            "vat": money(second["vat"]?.intValue ?? 0),
            "total": money(second["total"]?.intValue ?? 0),
        ]
        return Priced(invoice: .object(input), totals: totals)
    }

    /// Products that name a catalog item by `code` take its title, amount, description and tax
    /// flag when they do not give their own; unknown codes without them are reported together.
    static func resolve(_ products: [ScheduleRequest.Product], storeID: Int64, db: Database) throws -> [ScheduleRequest.Product] {
        var unknown: [String] = []
        var resolved: [ScheduleRequest.Product] = []
        for var product in products {
            if !product.code.isEmpty, product.title.isEmpty || product.amount.isEmpty {
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

    static func lineJSON(_ product: ScheduleRequest.Product) -> JSON {
        [
            "code": .string(product.code), "title": .string(product.title), "description": .string(product.description),
            "have_tax": .bool(product.haveTax), "quantity": .int(product.quantity), "amount": .string(product.amount),
            "discount_amount": .string(product.discountAmount), "discount_type": .int(product.discountType),
        ]
    }
}

/// The invoice plugin's services this plugin calls (by name: it never imports that plugin).
enum QuoteNames {
    static let quote = "invoice.quote"
    static let create = "invoice.create"
}
