import Contracts
import PluginSDK

/// What every invoice of a schedule is created with: its currency and its priced lines (the
/// schedule's discount and shipping folded in). Stored with the schedule as
/// `{"currency", "products": [{code, title, description, have_tax, quantity, amount,
/// discount_amount, discount_type, coupon_code}]}` and read once each time the scheduler claims the schedule
/// (`DueSchedule`), never per occurrence or per recipient.
struct InvoiceTemplate: Sendable, Equatable {
    var currency: String?
    var lines: [InvoiceLineDraft]

    init(currency: String?, lines: [InvoiceLineDraft]) {
        self.currency = currency
        self.lines = lines
    }

    /// Reads the stored form; a line that does not read is a corrupt row.
    init(json: JSON) throws {
        currency = json["currency"]?.stringValue
        lines = try (json["products"]?.arrayValue ?? []).map { line in
            guard let title = line["title"]?.stringValue, let amount = line["amount"]?.stringValue else {
                throw StorageError(kind: .decoding, message: "schedule invoice template: a line without title or amount")
            }
            return InvoiceLineDraft(
                code: line["code"]?.stringValue ?? "", title: title, description: line["description"]?.stringValue ?? "",
                haveTax: line["have_tax"]?.boolValue ?? false, quantity: line["quantity"]?.intValue ?? 1, amount: amount,
                discountAmount: line["discount_amount"]?.stringValue ?? "0", discountType: line["discount_type"]?.intValue ?? 0,
                couponCode: line["coupon_code"]?.stringValue ?? "")
        }
    }

    /// The stored form.
    var json: JSON {
        var object: JSONObject = [
            "products": .array(lines.map { line in
                [
                    "code": .string(line.code), "title": .string(line.title), "description": .string(line.description),
                    "have_tax": .bool(line.haveTax), "quantity": .int(line.quantity), "amount": .string(line.amount),
                    "discount_amount": .string(line.discountAmount), "discount_type": .int(line.discountType),
                    "coupon_code": .string(line.couponCode),
                ]
            })
        ]
        if let currency { object["currency"] = .string(currency) }
        return .object(object)
    }
}
