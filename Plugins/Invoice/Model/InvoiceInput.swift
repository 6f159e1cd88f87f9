import Foundation
import Contracts
import PluginSDK

/// Reading what merchants send: product lines, money, times. Every problem names the field.
enum InvoiceInput {
    static let maxLines = 500

    /// `products` as an array of objects (or that array as JSON text, from form clients).
    static func lines(_ params: Params, currency: Currency, field: String = "products") throws -> [LineInput] {
        var value = params[field] ?? .null
        if case .string(let text) = value, let parsed = try? JSON.parse(Array(text.utf8)) { value = parsed }
        guard case .array(let items) = value, !items.isEmpty else { throw InvoiceMessages.noLines }
        guard items.count <= maxLines else { throw KernelError.badParameter(field, .outOfRange(1...Int64(maxLines))) }
        return try items.enumerated().map { index, item in
            let path = "\(field)[\(index)]"
            return try line(try draft(item, at: path), at: path, currency: currency)
        }
    }

    /// Lines other plugins hand in (`invoice.create`, `invoice.quote`), checked as the merchant
    /// API checks `products`.
    static func lines(_ drafts: [InvoiceLineDraft], currency: Currency, field: String = "products") throws -> [LineInput] {
        guard !drafts.isEmpty else { throw InvoiceMessages.noLines }
        guard drafts.count <= maxLines else { throw KernelError.badParameter(field, .outOfRange(1...Int64(maxLines))) }
        return try drafts.enumerated().map { index, draft in try line(draft, at: "\(field)[\(index)]", currency: currency) }
    }

    /// One product object as a draft: its fields under Sell.app's or PayPing's names.
    private static func draft(_ item: JSON, at path: String) throws -> InvoiceLineDraft {
        guard case .object = item else { throw KernelError.badParameter(path, .malformed) }
        // Values of the wrong type become values `line` refuses with the same message.
        let discountValue = item["discount_amount"] ?? item["discountAmount"] ?? 0
        return InvoiceLineDraft(
            code: item["code"]?.stringValue ?? "", title: item["title"]?.stringValue ?? "",
            description: item["description"]?.stringValue ?? "", haveTax: (item["have_tax"] ?? item["haveTax"])?.boolValue ?? false,
            quantity: (item["quantity"] ?? 1).intValue ?? 0, amount: item["amount"].flatMap(Self.decimalText) ?? "",
            discountAmount: Self.decimalText(discountValue) ?? "?",
            discountType: (item["discount_type"] ?? item["discountType"])?.intValue ?? 0,
            couponCode: (item["coupon_code"] ?? item["couponCode"])?.stringValue ?? "")
    }

    /// A money amount sent as text or a number, as text.
    private static func decimalText(_ value: JSON) -> String? {
        switch value {
        case .string(let text): text
        case .int(let int): String(int)
        case .double(let double) where double.isFinite: String(double)
        default: nil
        }
    }

    /// A draft checked and turned into minor units of `currency`; every problem names the field.
    static func line(_ draft: InvoiceLineDraft, at path: String, currency: Currency) throws -> LineInput {
        func text(_ value: String, _ key: String, required: Bool = false, max: Int = 500) throws -> String {
            if required && value.isEmpty { throw KernelError.badParameter("\(path).\(key)", .missing) }
            guard value.count <= max else { throw KernelError.badParameter("\(path).\(key)", .tooLong(maxBytes: max)) }
            return value
        }
        let title = try text(draft.title, "title", required: true)
        guard (1...1_000_000).contains(draft.quantity) else { throw KernelError.badParameter("\(path).quantity", .outOfRange(1...1_000_000)) }
        guard let amount = Money.parse(.string(draft.amount), currency: currency), amount.minorUnits <= 1_000_000_000_000 else {
            throw KernelError.badParameter("\(path).amount", .malformed)
        }
        guard let discountType = DiscountType(rawValue: draft.discountType) else {
            throw KernelError.badParameter("\(path).discount_type", .notOneOf(["0", "1"]))
        }
        let discount: Int64
        switch discountType {
        case .percent:
            guard let percent = Money.parse(.string(draft.discountAmount), currency: Currency("USD")!), percent.minorUnits <= 10_000 else {
                throw KernelError.badParameter("\(path).discount_amount", .outOfRange(0...100))
            }
            discount = percent.minorUnits
        case .fixed:
            guard let fixed = Money.parse(.string(draft.discountAmount), currency: currency) else {
                throw KernelError.badParameter("\(path).discount_amount", .malformed)
            }
            discount = fixed.minorUnits
        }
        return LineInput(
            code: try text(draft.code, "code", max: 100), title: title, description: try text(draft.description, "description", max: 2_000),
            haveTax: draft.haveTax, quantity: draft.quantity, amount: amount, discountAmount: discount, discountType: discountType,
            couponCode: try text(draft.couponCode, "coupon_code", max: 64))
    }

    /// Times accepted: from 1970 to the end of 9999 (UTC).
    static let timeRange: ClosedRange<Int64> = 0...253_402_300_799

    /// A time sent as Unix seconds, ISO 8601 (its zone or offset applies), or `YYYY-MM-DD[ HH:MM:SS]`
    /// read on `zone`'s wall clock (the merchant API's is UTC, ShopXO's lists the store's). With
    /// `endOfDay`, a bare date means the last second of that day there. Nil when absent.
    static func time(_ params: Params, _ name: String, zone: TimeZoneRules = .utc, endOfDay: Bool = false) throws -> Int64? {
        guard let value = params[name], !value.isNull, value != .string("") else { return nil }
        let seconds: Int64
        if let number = value.intValue {
            seconds = number
        } else if let text = value.stringValue, let (wall, dateOnly) = CivilTime.parse(text) {
            seconds = dateOnly && endOfDay ? zone.firstMoment(atOrAfter: wall + 86_400) - 1 : zone.firstMoment(atOrAfter: wall)
        } else {
            guard let text = value.stringValue, let date = parseDate(text), date.timeIntervalSince1970.isFinite else {
                throw KernelError.badParameter(name, .malformed)
            }
            seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        }
        guard timeRange.contains(seconds) else { throw KernelError.badParameter(name, .outOfRange(timeRange)) }
        return seconds
    }

    /// ISO 8601 with its zone or offset, with or without fractional seconds.
    static func parseDate(_ text: String) -> Date? {
        let iso = ISO8601DateFormatter()
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return iso.date(from: text)
    }

    /// Bill-to fields a merchant may add to `customer_information`, with their length limits.
    static let billTo: [(String, Int)] = [("name", 200), ("address", 500), ("tax_id", 64)]

    /// `customer_information` as an object with Sell.app's keys and the bill-to fields (unknown
    /// keys are dropped).
    static func customer(_ params: Params) throws -> JSON {
        var value = params["customer_information"] ?? .null
        if case .string(let text) = value, let parsed = try? JSON.parse(Array(text.utf8)) { value = parsed }
        var customer = JSONObject()
        if case .object(let given) = value {
            for key in ["id", "email", "country", "location", "ip", "proxied", "browser_agent", "vat"] {
                if let member = given[key] { customer[key] = member }
            }
            // Beyond Sell.app's fields: the bill-to block of the PDF.
            for (key, limit) in billTo {
                guard let member = given[key], !member.isNull else { continue }
                guard let text = member.stringValue, text.count <= limit else {
                    throw KernelError.badParameter("customer_information.\(key)", .malformed)
                }
                customer[key] = .string(text)
            }
        } else if !value.isNull {
            throw KernelError.badParameter("customer_information", .malformed)
        }
        if customer["email"] == nil, let email = params.string("email") { customer["email"] = .string(email) }
        if let email = customer["email"]?.stringValue, !email.isEmpty, !isEmail(email) {
            throw KernelError.badParameter("customer_information.email", .malformed)
        }
        return .object(customer)
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@")
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && text.count <= 254 && !text.contains(" ")
    }
}
