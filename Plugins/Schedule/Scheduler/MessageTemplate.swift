import Foundation
import PluginSDK

/// The white-label texts a store sends: for a new invoice (`invoice`) and for reminders
/// (`reminder`), per language (en, zh, fa), each an email subject and body and an SMS text.
/// Placeholders are `{customer_name}`, `{invoice_number}`, `{amount}`, `{due_date}` and
/// `{pay_link}`; anything else in braces is refused when the template is saved.
struct MessageTemplate: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable {
        case invoice, reminder
    }

    var subject: String
    var body: String
    var sms: String

    static let placeholders = ["customer_name", "invoice_number", "amount", "due_date", "pay_link"]

    /// Checks every `{...}` of `text` names a known placeholder; the error names the field and it.
    static func validate(_ text: String, field: String) throws {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { throw ScheduleMessages.badPlaceholder(field, String(rest[open...].prefix(30))) }
            let name = String(after[..<close])
            guard placeholders.contains(name) else { throw ScheduleMessages.badPlaceholder(field, "{\(name)}") }
            rest = after[after.index(after: close)...]
        }
    }

    func filled(_ values: [String: String]) -> MessageTemplate {
        MessageTemplate(subject: Self.fill(subject, values), body: Self.fill(body, values), sms: Self.fill(sms, values))
    }

    /// `template` with each `{name}` of `values` replaced, in one pass: a value is never searched
    /// for placeholders again (a customer named "{pay_link}" stays as named), and anything else in
    /// braces is kept as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var text = ""
        var rest = Substring(template)
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
            text += rest[..<open]
            let after = rest[rest.utf8.index(after: open)...]
            guard let close = after.utf8.firstIndex(of: UInt8(ascii: "}")) else {
                rest = rest[open...]
                break
            }
            let name = after[..<close]
            if let value = values[String(name)] {
                text += value
            } else {
                text += rest[open...close]
            }
            rest = after[after.utf8.index(after: close)...]
        }
        text += rest
        return text
    }

    /// The store's template, or the built-in one.
    static func load(_ db: Database, storeID: Int64, kind: Kind, language: Language) throws -> MessageTemplate {
        if let row = try db.queryOne(
            "SELECT subject, body, sms FROM schedule_templates WHERE store_id = ? AND kind = ? AND language = ?", storeID, kind.rawValue,
            language.rawValue)
        {
            return MessageTemplate(subject: row.string("subject") ?? "", body: row.string("body") ?? "", sms: row.string("sms") ?? "")
        }
        return standard(kind, language)
    }

    static func standard(_ kind: Kind, _ language: Language) -> MessageTemplate {
        switch (kind, language) {
        case (.invoice, .en):
            return MessageTemplate(
                subject: "Invoice {invoice_number}",
                body: "Dear {customer_name},\n\ninvoice {invoice_number} for {amount} is due on {due_date}.\nPay: {pay_link}",
                sms: "Invoice {invoice_number}: {amount}, due {due_date}. {pay_link}")
        case (.invoice, .zh):
            return MessageTemplate(
                subject: "发票 {invoice_number}", body: "{customer_name}，您好：\n\n发票 {invoice_number} 金额 {amount}，到期日 {due_date}。\n付款：{pay_link}",
                sms: "发票 {invoice_number}：{amount}，到期日 {due_date}。{pay_link}")
        case (.invoice, .fa):
            return MessageTemplate(
                subject: "فاکتور {invoice_number}",
                body: "{customer_name} گرامی،\n\nفاکتور {invoice_number} به مبلغ {amount} تا تاریخ {due_date} سررسید می‌شود.\nپرداخت: {pay_link}",
                sms: "فاکتور {invoice_number}: {amount}، سررسید {due_date}. {pay_link}")
        case (.reminder, .en):
            return MessageTemplate(
                subject: "Reminder: invoice {invoice_number}",
                body: "Dear {customer_name},\n\ninvoice {invoice_number} for {amount} is due on {due_date} and not paid yet.\nPay: {pay_link}",
                sms: "Reminder: invoice {invoice_number} ({amount}) due {due_date}. {pay_link}")
        case (.reminder, .zh):
            return MessageTemplate(
                subject: "提醒：发票 {invoice_number}", body: "{customer_name}，您好：\n\n发票 {invoice_number} 金额 {amount}，到期日 {due_date}，尚未支付。\n付款：{pay_link}",
                sms: "提醒：发票 {invoice_number}（{amount}）到期日 {due_date}。{pay_link}")
        case (.reminder, .fa):
            return MessageTemplate(
                subject: "یادآوری فاکتور {invoice_number}",
                body: "{customer_name} گرامی،\n\nفاکتور {invoice_number} به مبلغ {amount} با سررسید {due_date} هنوز پرداخت نشده است.\nپرداخت: {pay_link}",
                sms: "یادآوری: فاکتور {invoice_number} ({amount}) سررسید {due_date}. {pay_link}")
        }
    }

    /// A date as customers read it: `yyyy-MM-dd` in the schedule's calendar and time zone.
    static func date(_ seconds: Int64, recurrence: Recurrence) -> String {
        let parts = recurrence.calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let pad = { (value: Int?) in value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(parts.year ?? 0)-\(pad(parts.month))-\(pad(parts.day))"
    }
}
