import Kernel
import Storage

/// The `invoice.quote` kernel service: what an invoice of these `products` would cost in the
/// store (its currency and tax rule), without creating anything. Answers the currency, its
/// exponent, each line's gross, discount, vat and total, and the sums, all in minor units.
enum QuoteInvoiceService {
    static let name = "invoice.quote"

    static func handle(_ call: inout ServiceCall, _ db: Database) throws -> JSON {
        let params = Params(call.input.objectValue ?? JSONObject())
        let settings = try CreateInvoiceService.settings(call, db)
        let currency = try CreateInvoiceService.currency(params, settings)
        let lines = try InvoiceInput.lines(params, currency: currency).map(settings.tax.price)
        let totals = InvoiceTotals(lines)
        return [
            "currency": .string(currency.code),
            "exponent": .int(Int64(currency.exponent)),
            "lines": .array(lines.map { ["gross": .int($0.gross.minorUnits), "discount": .int($0.discount.minorUnits), "vat": .int($0.vat.minorUnits), "total": .int($0.total.minorUnits)] }),
            "original": .int(totals.original.minorUnits),
            "vat": .int(totals.vat.minorUnits),
            "total": .int(totals.total.minorUnits),
        ]
    }
}
