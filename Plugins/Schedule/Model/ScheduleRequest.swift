import Foundation
import PluginSDK

/// A PayPing `/v2/invoice/Schedule` body, read and checked. Every problem names its field.
struct ScheduleRequest: Sendable {
    struct Product: Sendable {
        var code: String
        var title: String
        var description: String
        var haveTax: Bool
        var quantity: Int64
        var amount: String
        var discountAmount: String
        var discountType: Int64
        var couponCode: String
    }

    var customerCodes: [String]
    var tagIDs: [String]
    var cc: [String]
    var sendNotifications: Bool
    var number: String?
    var title: String
    var sendDate: Int64
    var discountAmount: String
    var discountType: Int64
    var shipping: String
    var notes: String
    var termsAndConditions: String
    var memo: String
    var products: [Product]
    var currency: String?
    /// Ids of the store's attachments every invoice lists (PayPing sends them as text).
    var attachments: [String]
    /// PayPing's `sendAttachmentsAfterSuccessPayment`: the customer gets them once paid.
    var attachmentsAfterPayment: Bool
    var recurrence: Recurrence
    var catchUp: CatchUp
    /// The schedule's own fields of the body, under PayPing's names, with its settings resolved
    /// (kept with the schedule, shown by `view`, copied by `copy`).
    var original: JSON

    /// What to do with occurrences missed while the server was down.
    enum CatchUp: String, Sendable, CaseIterable {
        /// Create every missed occurrence, oldest first, with its original dates.
        case backfill
        /// Create only the most recent missed occurrence; the others are recorded as skipped.
        case latest
        /// Create none of them (recorded as skipped); continue with the next one on time.
        case skip
    }

    static let maxProducts = 100
    /// Most occurrences a finite schedule may have; `count` 0 is a schedule without end.
    static let maxCount = 1_000

    /// Reads a body; `timeZone` is the schedule's zone when `schedule.timeZone` names none.
    init(_ params: Params, weekend: Set<Int>, timeZone defaultTimeZone: String) throws {
        let body = try FormShape.normalized(params)
        func value(_ keys: String...) -> JSON? {
            for key in keys { if let found = body[key], !found.isNull { return found } }
            return nil
        }
        func text(_ field: String, _ keys: String..., max: Int = 2_000) throws -> String {
            var found: JSON?
            for key in keys { if let candidate = body[key], !candidate.isNull { found = candidate; break } }
            guard let found else { return "" }
            guard let string = found.stringValue else { throw KernelError.badParameter(field, .malformed) }
            guard string.count <= max else { throw KernelError.badParameter(field, .tooLong(maxBytes: max)) }
            return string
        }

        customerCodes = try Self.codes(value("customers", "Customers"), field: "customers", objectKey: "code")
        tagIDs = try Self.codes(value("tagIds", "tag_ids", "TagIds"), field: "tagIds", objectKey: "id")
        cc = try Self.codes(value("cc"), field: "cc", objectKey: "emailAddress")
        for (index, address) in cc.enumerated() where !Self.isEmail(address) {
            throw KernelError.badParameter("cc[\(index)].emailAddress", .malformed)
        }
        guard !customerCodes.isEmpty || !tagIDs.isEmpty else { throw ScheduleMessages.noRecipients }
        let status = value("createStatus", "create_status")?.intValue ?? 1
        guard status == 0 || status == 1 else { throw KernelError.badParameter("createStatus", .notOneOf(["0", "1"])) }
        sendNotifications = status == 1
        let number = try text("number", "number", max: 64)
        self.number = number.isEmpty ? nil : number
        title = try text("title", "title", max: 200)
        guard !title.isEmpty else { throw KernelError.badParameter("title", .missing) }
        guard let sendText = value("sendDate", "send_date")?.stringValue, !sendText.isEmpty else {
            throw KernelError.badParameter("sendDate", .missing)
        }
        guard let sendDate = Self.parseDate(sendText) else { throw KernelError.badParameter("sendDate", .malformed) }
        self.sendDate = sendDate
        discountType = value("discountType", "discount_type")?.intValue ?? 0
        guard discountType == 0 || discountType == 1 else { throw KernelError.badParameter("discountType", .notOneOf(["0", "1"])) }
        discountAmount = try Self.decimal(value("discountAmount", "discount_amount"), field: "discountAmount")
        if discountType == 0, (Double(discountAmount) ?? 0) > 100 { throw KernelError.badParameter("discountAmount", .outOfRange(0...100)) }
        shipping = try Self.decimal(value("shipping"), field: "shipping")
        notes = try text("notes", "notes")
        termsAndConditions = try text("termsAndConditions", "termsAndConditions", "terms_and_conditions")
        memo = try text("memo", "memo")
        let currency = try text("currency", "currency", max: 3)
        self.currency = currency.isEmpty ? nil : currency
        attachments = try Self.codes(value("attachments"), field: "attachments", objectKey: "id")
        guard let afterPayment = (value("sendAttachmentsAfterSuccessPayment") ?? false).boolValue else {
            throw KernelError.badParameter("sendAttachmentsAfterSuccessPayment", .malformed)
        }
        attachmentsAfterPayment = afterPayment

        guard case .array(let items) = value("products", "Products") ?? .null, !items.isEmpty else {
            throw KernelError.badParameter("products", .missing)
        }
        guard items.count <= Self.maxProducts else { throw KernelError.badParameter("products", .outOfRange(1...Int64(Self.maxProducts))) }
        products = try items.enumerated().map { index, item in try Self.product(item, at: "products[\(index)]") }

        guard case .object(let schedule) = value("schedule", "Schedule") ?? .null else { throw KernelError.badParameter("schedule", .missing) }
        let unknownKeys = schedule.orderedKeys.filter { !Self.scheduleKeys.contains($0) }.sorted()
        guard unknownKeys.isEmpty else { throw ScheduleMessages.unknownKeys("schedule", unknownKeys) }
        func int(_ key: String, _ range: ClosedRange<Int64>, default fallback: Int64? = nil) throws -> Int64 {
            guard let raw = schedule[key], !raw.isNull else {
                if let fallback { return fallback }
                throw KernelError.badParameter("schedule.\(key)", .missing)
            }
            guard let number = raw.intValue, range.contains(number) else { throw KernelError.badParameter("schedule.\(key)", .outOfRange(range)) }
            return number
        }
        // A setting given inside `schedule` or at the top level (the same value if both).
        func setting(_ key: String) throws -> (value: JSON, field: String)? {
            let inner = schedule[key].flatMap { $0.isNull ? nil : $0 }
            let outer = body[key].flatMap { $0.isNull ? nil : $0 }
            if let inner, let outer, inner != outer { throw ScheduleMessages.conflictingSetting(key) }
            if let inner { return (inner, "schedule.\(key)") }
            return outer.map { ($0, key) }
        }
        let unit: Recurrence.Unit
        if let name = schedule["scheduleType"]?.stringValue, let byName = ["daily": 0, "weekly": 1, "monthly": 2, "yearly": 3][name.lowercased()] {
            unit = Recurrence.Unit(rawValue: Int64(byName))!
        } else {
            unit = Recurrence.Unit(rawValue: try int("scheduleType", 0...3))!
        }
        var settings = JSONObject()
        let zoneSetting = try setting("timeZone")
        if let zoneSetting, zoneSetting.value.stringValue == nil { throw KernelError.badParameter(zoneSetting.field, .malformed) }
        let timeZone = try ScheduleZone.resolve(
            zoneSetting?.value.stringValue, storeZone: defaultTimeZone, field: zoneSetting?.field ?? "schedule.timeZone")
        settings["timeZone"] = .string(ScheduleZone.name(timeZone))
        let calendarSetting = try setting("calendar")
        guard let calendar = Recurrence.CalendarKind(rawValue: calendarSetting?.value.stringValue ?? "gregorian") else {
            throw KernelError.badParameter(calendarSetting?.field ?? "schedule.calendar", .notOneOf(Recurrence.CalendarKind.allCases.map(\.rawValue)))
        }
        settings["calendar"] = .string(calendar.rawValue)
        let catchUpSetting = try setting("catchUp")
        guard let catchUp = CatchUp(rawValue: catchUpSetting?.value.stringValue ?? "backfill") else {
            throw KernelError.badParameter(catchUpSetting?.field ?? "schedule.catchUp", .notOneOf(CatchUp.allCases.map(\.rawValue)))
        }
        self.catchUp = catchUp
        settings["catchUp"] = .string(catchUp.rawValue)
        let workingDaysSetting = try setting("workingDaysOnly")
        guard let workingDays = (workingDaysSetting?.value ?? false).boolValue else {
            throw KernelError.badParameter(workingDaysSetting?.field ?? "schedule.workingDaysOnly", .malformed)
        }
        settings["workingDaysOnly"] = .bool(workingDays)
        recurrence = Recurrence(
            unit: unit, interval: Int(try int("interval", 1...1_000)), count: Int(try int("count", 0...Int64(Self.maxCount))),
            start: sendDate, timeZone: timeZone, calendarKind: calendar, workingDaysOnly: workingDays, weekend: weekend,
            dueAfterDays: Int(try int("dueDateAfterHowManyDay", 0...3_650, default: 0)))
        for key in ["interval", "scheduleType", "count", "dueDateAfterHowManyDay"] { settings[key] = schedule[key] }
        original = Self.stored(body, schedule: settings)
    }

    /// Keys `schedule` may hold: PayPing's four and this server's four settings.
    static let scheduleKeys: Set<String> = [
        "interval", "scheduleType", "count", "dueDateAfterHowManyDay", "timeZone", "calendar", "workingDaysOnly", "catchUp",
    ]

    /// The schedule's own fields of a PayPing body under their PayPing names (each taken from its
    /// first spelling present), with `schedule` as resolved: what is kept with the schedule and
    /// copied. Routing and session parameters (`pluginsname`, `token`, ...) are not among them.
    static let storedFields: [(name: String, spellings: [String])] = [
        ("cc", ["cc"]), ("customers", ["customers", "Customers"]), ("createStatus", ["createStatus", "create_status"]),
        ("number", ["number"]), ("title", ["title"]), ("sendDate", ["sendDate", "send_date"]), ("currency", ["currency"]),
        ("discountAmount", ["discountAmount", "discount_amount"]), ("discountType", ["discountType", "discount_type"]),
        ("shipping", ["shipping"]), ("notes", ["notes"]), ("termsAndConditions", ["termsAndConditions", "terms_and_conditions"]),
        ("memo", ["memo"]), ("products", ["products", "Products"]), ("tagIds", ["tagIds", "tag_ids", "TagIds"]),
        ("attachments", ["attachments"]), ("sendAttachmentsAfterSuccessPayment", ["sendAttachmentsAfterSuccessPayment"]),
        ("showNotesAfterSuccessPayment", ["showNotesAfterSuccessPayment"]), ("showTermsAfterSuccessPayment", ["showTermsAfterSuccessPayment"]),
    ]

    private static func stored(_ body: JSONObject, schedule: JSONObject) -> JSON {
        var kept = JSONObject()
        for (name, spellings) in storedFields {
            if let value = spellings.lazy.compactMap({ body[$0] }).first(where: { !$0.isNull }) { kept[name] = value }
        }
        kept["schedule"] = .object(schedule)
        return .object(kept)
    }

    private static func product(_ item: JSON, at path: String) throws -> Product {
        guard case .object(let object) = item else { throw KernelError.badParameter(path, .malformed) }
        func string(_ key: String, max: Int) throws -> String {
            guard let raw = object[key], !raw.isNull else { return "" }
            guard let text = raw.stringValue, text.count <= max else { throw KernelError.badParameter("\(path).\(key)", .malformed) }
            return text
        }
        let quantityValue = object["quantity"] ?? 1
        guard let quantity = quantityValue.intValue, (1...1_000_000).contains(quantity) else {
            throw KernelError.badParameter("\(path).quantity", .outOfRange(1...1_000_000))
        }
        let discountType = object["discountType"]?.intValue ?? 0
        guard discountType == 0 || discountType == 1 else { throw KernelError.badParameter("\(path).discountType", .notOneOf(["0", "1"])) }
        let amount = object["amount"].flatMap { $0.isNull ? nil : $0 }
        guard let haveTax = (object["haveTax"] ?? object["have_tax"] ?? false).boolValue else {
            throw KernelError.badParameter("\(path).haveTax", .malformed)
        }
        return Product(
            code: try string("code", max: 64), title: try string("title", max: 500), description: try string("description", max: 2_000),
            haveTax: haveTax, quantity: quantity,
            amount: try amount.map { try decimal($0, field: "\(path).amount") } ?? "",
            discountAmount: try decimal(object["discountAmount"], field: "\(path).discountAmount"), discountType: discountType,
            couponCode: try string("couponCode", max: 64))
    }

    /// A list of codes: `[{"code": "A"}]`, `["A"]` or "A,B".
    static func codes(_ value: JSON?, field: String, objectKey: String) throws -> [String] {
        guard let value, !value.isNull else { return [] }
        let items: [JSON]
        switch value {
        case .array(let array): items = array
        case .string(let text): items = text.split(separator: ",").map { .string(String($0)) }
        default: throw KernelError.badParameter(field, .malformed)
        }
        guard items.count <= 1_000 else { throw KernelError.badParameter(field, .outOfRange(0...1_000)) }
        var codes: [String] = []
        for (index, item) in items.enumerated() {
            let code = (item[objectKey] ?? item).stringValue?.trimmingCharacters(in: .whitespaces) ?? ""
            guard (1...254).contains(code.count) else { throw KernelError.badParameter("\(field)[\(index)]", .malformed) }
            if !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    static func decimal(_ value: JSON?, field: String) throws -> String {
        guard let value, !value.isNull, value != .string("") else { return "0" }
        guard let text = value.stringValue, Amount.isDecimal(text) else { throw KernelError.badParameter(field, .malformed) }
        return text
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@")
        return parts.count == 2 && parts[1].contains(".") && !text.contains(" ") && text.count <= 254
    }

    /// ISO 8601 with or without fractional seconds, within 1970-9999.
    static func parseDate(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        var date = formatter.date(from: text)
        if date == nil {
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = formatter.date(from: text)
        }
        guard let date, (0...253_402_300_799).contains(date.timeIntervalSince1970) else { return nil }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
