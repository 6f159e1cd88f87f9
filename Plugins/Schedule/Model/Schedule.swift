import Foundation
import PluginSDK

/// A stored schedule: what each occurrence invoices, to whom, and when the next one is due.
struct Schedule: Sendable {
    enum Status: String, Sendable {
        case active, paused, cancelled, completed
    }

    let id: Int64
    let storeID: Int64
    let code: String
    let title: String
    var status: Status
    let sendNotifications: Bool
    let request: JSON
    /// The lines and currency every invoice is created with (`InvoiceTemplate`'s stored form).
    let invoice: JSON
    /// Customer ids invoiced at each occurrence.
    let recipients: [Int64]
    let totals: JSON
    let recurrence: Recurrence
    let catchUp: ScheduleRequest.CatchUp
    var nextSequence: Int
    var nextRunAt: Int64?
    /// The invoice a copy's lines come from (their codes are not catalog items); nil otherwise.
    let linesFrom: String?
    let createdAt: Int64

    init(_ row: Row) {
        id = row.int64("id") ?? 0
        storeID = row.int64("store_id") ?? 0
        code = row.string("code") ?? ""
        title = row.string("title") ?? ""
        status = Status(rawValue: row.string("status") ?? "") ?? .cancelled
        sendNotifications = row.bool("send_notifications")
        request = Self.parse(row.string("request"))
        invoice = Self.parse(row.string("invoice"))
        recipients = Self.parse(row.string("recipients")).arrayValue?.compactMap(\.intValue) ?? []
        totals = Self.parse(row.string("totals"))
        recurrence = Recurrence(row: row)
        catchUp = ScheduleRequest.CatchUp(rawValue: row.string("catch_up") ?? "") ?? .backfill
        nextSequence = row.int("next_sequence") ?? 0
        nextRunAt = row.int64("next_run_at")
        linesFrom = row.string("lines_from")
        createdAt = row.int64("created_at") ?? 0
    }

    static func parse(_ text: String?) -> JSON {
        guard let text, let value = try? JSON.parse(Array(text.utf8)) else { return .null }
        return value
    }

    var json: JSON {
        [
            "code": .string(code),
            "title": .string(title),
            "status": .string(status.rawValue),
            "createStatus": .int(sendNotifications ? 1 : 0),
            "totals": totals,
            "schedule": [
                "interval": .int(Int64(recurrence.interval)), "scheduleType": .int(recurrence.unit.rawValue),
                "count": .int(Int64(recurrence.count)), "dueDateAfterHowManyDay": .int(Int64(recurrence.dueAfterDays)),
                "timeZone": .string(ScheduleZone.name(recurrence.timeZone)), "calendar": .string(recurrence.calendarKind.rawValue),
                "workingDaysOnly": .bool(recurrence.workingDaysOnly), "catchUp": .string(catchUp.rawValue),
            ],
            "occurrencesDone": .int(Int64(nextSequence)),
            "sendDate": .string(ISO8601.format(recurrence.start)),
            "nextSendDate": nextRunAt.map { .string(ISO8601.format($0)) } ?? .null,
            "customers": .int(Int64(recipients.count)),
            "request": request,
            "created_at": .string(ISO8601.format(createdAt)),
        ]
    }
}

extension Recurrence {
    /// The recurrence stored in a schedule's row (its unit, interval, count, start, time zone,
    /// calendar, working-day rule and due days).
    init(row: Row) {
        let kind = CalendarKind(rawValue: row.string("calendar") ?? "") ?? .gregorian
        self.init(
            unit: Unit(rawValue: row.int64("unit") ?? 0) ?? .daily, interval: row.int("interval") ?? 1, count: row.int("count") ?? 0,
            start: row.int64("start_at") ?? 0, calendar: Self.calendar(kind, zone: row.string("time_zone") ?? "UTC"), calendarKind: kind,
            workingDaysOnly: row.bool("working_days"), weekend: WeekendDays.parse(row.string("weekend") ?? ""),
            dueAfterDays: row.int("due_after_days") ?? 0)
    }
}

/// UTC times as ISO 8601 text.
enum ISO8601 {
    static func format(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

/// A store's weekend days, kept as Calendar weekdays (1 Sunday ... 7 Saturday).
enum WeekendDays {
    static let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let standard: Set<Int> = [1, 7]

    static func parse(_ text: String) -> Set<Int> {
        Set(text.split(separator: ",").compactMap { Int($0) }.filter { (1...7).contains($0) })
    }

    static func text(_ days: Set<Int>) -> String {
        days.sorted().map(String.init).joined(separator: ",")
    }

    static func json(_ days: Set<Int>) -> JSON {
        .array(days.sorted().map { .string(names[$0 - 1]) })
    }
}
