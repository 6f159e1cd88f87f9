import Kernel
import Storage

/// The `invoice.lines` kernel service: an invoice's lines and currency by `number`, in the shape
/// PayPing bodies use (`products[{code, title, description, haveTax, quantity, amount,
/// discountAmount, discountType}]`), so the copy plugin can bill them again. Answers
/// `{"found": false}` when the store has no such invoice. Nothing of its payment or history.
enum InvoiceLinesService {
    static let name = "invoice.lines"

    static func handle(_ call: inout ServiceCall, _ db: Database) throws -> JSON {
        let number = call.input["number"]?.stringValue ?? ""
        guard let invoice = try InvoiceRecords.find(db, number: number, storeID: call.storeID) else { return ["found": false] }
        let products: [JSON] = invoice.lines.map { line in
            let input = line.input
            return [
                "code": .string(input.code), "title": .string(input.title), "description": .string(input.description),
                "haveTax": .bool(input.haveTax), "quantity": .int(input.quantity), "amount": .string(input.amount.formatted(invoice.currency)),
                "discountType": .int(input.discountType.rawValue),
                "discountAmount": .string(
                    input.discountType == .percent
                        ? Money.format(input.discountAmount, exponent: 2) : Money(input.discountAmount).formatted(invoice.currency)),
            ]
        }
        return [
            "found": true, "number": .string(invoice.number), "currency": .string(invoice.currency.code),
            "feedback": JSON(invoice.feedback), "products": .array(products),
        ]
    }
}
