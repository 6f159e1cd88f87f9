import PluginSDK

/// A due schedule as the scheduler claims it: only the columns an occurrence needs, each parsed
/// once per claim - the invoice template typed, the recipients, the notice's notes and copies -
/// so nothing is parsed again per occurrence or per recipient.
struct DueSchedule {
    /// Due schedules, oldest due first (ties by id), through the partial index on `next_run_at`:
    /// a claim costs what is due, not what exists.
    static let claim = """
        SELECT id, store_id, send_notifications, invoice, recipients, feedback, cc, attachments, attachments_after_payment, unit,
            interval, count, start_at, time_zone, calendar, working_days, weekend, due_after_days, catch_up, next_sequence, next_run_at
        FROM schedule_schedules WHERE status = 'active' AND next_run_at <= ? ORDER BY next_run_at, id LIMIT ?
        """

    let id: Int64
    let storeID: Int64
    let sendNotifications: Bool
    let template: InvoiceTemplate
    /// Customer ids invoiced at each occurrence.
    let recipients: [Int64]
    /// PayPing's `notes`, shown on every invoice; nil when empty.
    let feedback: String?
    /// Addresses that get a copy of each new invoice's email.
    let cc: [String]
    /// The store's attachments every invoice lists, and whether they wait for the payment.
    let attachments: [Int64]
    let attachmentsAfterPayment: Bool
    let recurrence: Recurrence
    let catchUp: ScheduleRequest.CatchUp
    /// The occurrence due now and its send time.
    let sequence: Int
    let sendAt: Int64

    init(_ row: Row) throws {
        id = try row.require("id")
        storeID = try row.require("store_id")
        sendNotifications = row.bool("send_notifications")
        template = try InvoiceTemplate(json: Schedule.parse(row.string("invoice")))
        recipients = Self.list(row, "recipients").compactMap(\.intValue)
        feedback = row.string("feedback").flatMap { $0.isEmpty ? nil : $0 }
        cc = Self.list(row, "cc").compactMap(\.stringValue)
        attachments = Self.list(row, "attachments").compactMap(\.intValue)
        attachmentsAfterPayment = row.bool("attachments_after_payment")
        recurrence = Recurrence(row: row)
        catchUp = ScheduleRequest.CatchUp(rawValue: row.string("catch_up") ?? "") ?? .backfill
        sequence = row.int("next_sequence") ?? 0
        sendAt = try row.require("next_run_at")
    }

    /// The JSON array kept in `column`; an empty one (most schedules' cc and attachments) is not parsed.
    private static func list(_ row: Row, _ column: String) -> [JSON] {
        guard let text = row.string(column), !text.isEmpty, text != "[]" else { return [] }
        return Schedule.parse(text).arrayValue ?? []
    }
}
