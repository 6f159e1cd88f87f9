import Foundation
import PluginSDK

/// SQL for schedules and occurrences, always scoped to one store.
enum ScheduleRecords {
    static func find(_ db: Database, storeID: Int64, code: String) throws -> Schedule? {
        try db.queryOne("SELECT * FROM schedule_schedules WHERE store_id = ? AND code = ?", storeID, code).map(Schedule.init)
    }

    static func find(_ db: Database, id: Int64) throws -> Schedule? {
        try db.queryOne("SELECT * FROM schedule_schedules WHERE id = ?", id).map(Schedule.init)
    }

    /// Inserts an active schedule whose first occurrence is due at its send date.
    static func insert(
        _ db: Database, storeID: Int64, code: String, request: ScheduleRequest, priced: SchedulePricing.Priced,
        recipients: [Int64], requestID: String?, linesFrom: String?, now: Int64
    ) throws -> Int64 {
        let recurrence = request.recurrence
        return try db.insert(
            """
            INSERT INTO schedule_schedules (store_id, code, title, status, send_notifications, request, invoice, recipients, totals,
                unit, interval, count, start_at, time_zone, calendar, working_days, weekend, due_after_days, catch_up,
                next_sequence, next_run_at, request_id, lines_from, feedback, cc, attachments, attachments_after_payment, created_at,
                updated_at)
            VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """,
            arguments: [
                storeID, code, request.title, request.sendNotifications, request.original.text, priced.invoice.text,
                JSON.array(recipients.map { .int($0) }).text, priced.totals.text, recurrence.unit.rawValue, recurrence.interval,
                recurrence.count, recurrence.start, ScheduleZone.name(recurrence.timeZone), recurrence.calendarKind.rawValue,
                recurrence.workingDaysOnly, WeekendDays.text(recurrence.weekend), recurrence.dueAfterDays, request.catchUp.rawValue,
                recurrence.sendTime(0), requestID, linesFrom, request.notes, ccText(request.cc), idsText(request.attachments),
                request.attachmentsAfterPayment, now, now,
            ])
    }

    /// Email copies as the `cc` column keeps them: a JSON array of addresses.
    static func ccText(_ addresses: [String]) -> String {
        JSON.array(addresses.map { .string($0) }).text
    }

    /// Attachment ids as the `attachments` column keeps them: a JSON array of numbers.
    static func idsText(_ ids: [String]) -> String {
        JSON.array(ids.compactMap { Int64($0) }.map { .int($0) }).text
    }

    /// Moves a schedule between statuses; an active one gets its due time back.
    static func setStatus(_ db: Database, _ schedule: Schedule, to status: Schedule.Status, now: Int64) throws {
        try db.execute(
            "UPDATE schedule_schedules SET status = ?, updated_at = ? WHERE id = ? AND status = ?", status.rawValue, now, schedule.id,
            schedule.status.rawValue)
        guard db.changes == 1 else { throw KernelError(code: .conflict, message: KernelMessages.conflict) }
    }

    /// The occurrences made so far, with their invoices, newest first.
    static func occurrences(_ db: Database, scheduleID: Int64, limit: Int, offset: Int) throws -> [JSON] {
        try db.query(
            "SELECT id, sequence, send_at, due_at, status FROM schedule_occurrences WHERE schedule_id = ? ORDER BY sequence DESC LIMIT ? OFFSET ?",
            scheduleID, limit, offset
        ).map { row in
            let invoices = try db.query(
                """
                SELECT c.code, i.invoice_number, i.total FROM schedule_occurrence_invoices i
                LEFT JOIN schedule_customers c ON c.id = i.customer_id WHERE i.occurrence_id = ? ORDER BY i.customer_id
                """, row.int64("id") ?? 0)
            return [
                "sequence": .int((row.int64("sequence") ?? 0) + 1),
                "sendDate": .string(ISO8601.format(row.int64("send_at") ?? 0)),
                "dueDate": .string(ISO8601.format(row.int64("due_at") ?? 0)),
                "status": .string(row.string("status") ?? ""),
                "invoices": .array(invoices.map {
                    ["customer": JSON($0.string("code")), "number": .string($0.string("invoice_number") ?? ""), "total": .string($0.string("total") ?? "")]
                }),
            ]
        }
    }
}
