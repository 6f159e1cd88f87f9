import Contracts
import PluginSDK

/// Creates the occurrences that are due. A tick claims due schedules in batches, oldest due
/// first, through the partial index on `next_run_at` - so it costs what is due, not what exists -
/// and handles each batch in one write: the occurrence rows (unique per schedule and sequence),
/// their invoices (`InvoiceService.create`, whose `invoice.created` listeners run in the same
/// write), the messages to send (the outbox) and the schedule's next due time all commit
/// together or not at all. Two processes on one database serialize on
/// SQLite's writer, and the second finds the schedule already advanced; a process killed mid-tick
/// leaves nothing half done; a clock set back finds nothing due twice because sequences only
/// move forward.
public struct Scheduler: Sendable {
    let services: PluginServices
    /// Schedules per write; requests' writes interleave between batches, so a small batch keeps
    /// their latency low while a tick runs.
    public var batchSize = 50
    /// Occurrences one schedule may create per batch when backfilling (the rest follow).
    var maxPerSchedule = 12
    /// An occurrence later than this past its time counts as missed (for `latest` and `skip`).
    var graceSeconds: Int64 = 3_600
    /// Prefix of the pay link sent to customers (the invoice number is appended).
    var payLink = ""

    /// A scheduler over the schedule plugin's services; `payLink` prefixes the invoice number in
    /// the pay link sent to customers.
    public init(services: PluginServices, payLink: String = "") {
        self.services = services
        self.payLink = payLink
    }

    /// What a tick did.
    public struct Report: Sendable, Equatable {
        public var schedules = 0
        public var occurrences = 0
        public var invoices = 0
        public var skipped = 0
        public var reminders = 0
    }

    /// Handles every due schedule and reminder as of `now` (at most `maxBatches` batches of each).
    public func tick(now: Int64, maxBatches: Int = 400) async throws -> Report {
        var total = Report()
        for _ in 0..<maxBatches {
            let report = try await batch(now: now)
            total.reminders += report.reminders
            total.schedules += report.schedules
            total.occurrences += report.occurrences
            total.invoices += report.invoices
            total.skipped += report.skipped
            if report.schedules < batchSize && report.reminders < batchSize { break }
        }
        return total
    }

    /// One batch of due schedules and of due reminders in one write (one commit); answers what it
    /// did.
    func batch(now: Int64) async throws -> Report {
        let scheduler = self
        let reminders = Reminders(services: services, batchSize: batchSize)
        return try await services.storage.write { db in
            var report = Report()
            let due = try db.query(
                "SELECT * FROM schedule_schedules WHERE status = 'active' AND next_run_at <= ? ORDER BY next_run_at, id LIMIT ?",
                now, scheduler.batchSize
            ).map(Schedule.init)
            for schedule in due {
                try scheduler.advance(schedule, now: now, db: db, report: &report)
            }
            report.schedules = due.count
            report.reminders = try reminders.send(now: now, db: db)
            return report
        }
    }

    private func advance(_ schedule: Schedule, now: Int64, db: Database, report: inout Report) throws {
        let recurrence = schedule.recurrence
        var sequence = schedule.nextSequence
        var dueTimes: [(Int, Int64)] = []
        let limit = schedule.catchUp == .backfill ? maxPerSchedule : Int.max
        while dueTimes.count < limit, let time = recurrence.sendTime(sequence), time <= now {
            dueTimes.append((sequence, time))
            sequence += 1
        }
        for (index, (number, time)) in dueTimes.enumerated() {
            let missed = time + graceSeconds < now
            let create: Bool
            switch schedule.catchUp {
            case .backfill: create = true
            case .latest: create = index == dueTimes.count - 1
            case .skip: create = !missed
            }
            let dueAt = recurrence.dueTime(sendTime: time)
            let inserted = try db.queryOne(
                """
                INSERT INTO schedule_occurrences (schedule_id, store_id, sequence, send_at, due_at, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (schedule_id, sequence) DO NOTHING RETURNING id
                """, schedule.id, schedule.storeID, number, time, dueAt, create ? "created" : "skipped", now)
            guard let occurrenceID = inserted?.int64("id") else { continue }
            guard create else {
                report.skipped += 1
                continue
            }
            report.occurrences += 1
            let template = try InvoiceTemplate(json: schedule.invoice)
            for customerID in schedule.recipients {
                guard let customer = try CatalogRecords.customer(db, id: customerID) else { continue }
                try invoice(
                    schedule, template: template, occurrenceID: occurrenceID, sequence: number, dueAt: dueAt, customer: customer, now: now,
                    db: db)
                report.invoices += 1
            }
        }
        let next = recurrence.sendTime(sequence)
        try db.execute(
            "UPDATE schedule_schedules SET next_sequence = ?, next_run_at = ?, status = ?, updated_at = ? WHERE id = ?",
            sequence, next, next == nil ? Schedule.Status.completed.rawValue : Schedule.Status.active.rawValue, now, schedule.id)
    }

    private func invoice(
        _ schedule: Schedule, template: InvoiceTemplate, occurrenceID: Int64, sequence: Int, dueAt: Int64, customer: Customer, now: Int64,
        db: Database
    ) throws {
        let notes = schedule.request["notes"]?.stringValue ?? ""
        let attachments = schedule.attachments
        let draft = InvoiceDraft(
            requestID: "schedule-\(schedule.id)-\(sequence)-\(customer.id)", customer: InvoiceCustomer(id: customer.code, email: customer.email),
            currency: template.currency, lines: template.lines, feedback: notes.isEmpty ? nil : String(notes.prefix(2_000)),
            dropUnusableCoupons: true, attachments: attachments.ids, attachmentsAfterPayment: attachments.afterPayment,
            dropMissingAttachments: true)
        let created = try services.hooks.call(InvoiceService.create, draft, storeID: schedule.storeID, in: db)
        let number = created.number
        let total = created.total
        try db.execute(
            """
            INSERT INTO schedule_occurrence_invoices (occurrence_id, customer_id, invoice_id, invoice_number, total)
            VALUES (?, ?, ?, ?, ?)
            """, occurrenceID, customer.id, created.id, number, total)
        guard schedule.sendNotifications else { return }
        let currency = created.currency
        let values = [
            "customer_name": customer.name, "invoice_number": number, "amount": "\(total) \(currency)",
            "due_date": MessageTemplate.date(dueAt, recurrence: schedule.recurrence), "pay_link": payLink + number,
        ]
        let message = try MessageTemplate.load(db, storeID: schedule.storeID, kind: .invoice, language: customer.language).filled(values)
        var cc = (schedule.request["cc"]?.arrayValue ?? []).compactMap { ($0["emailAddress"] ?? $0).stringValue }
        cc.removeAll { $0 == customer.email }
        try Reminders.send(
            message, to: customer, outbox: services.outbox, cc: cc, storeID: schedule.storeID, topic: "invoice.sent", key: "schedule-\(schedule.id)-\(sequence)-\(customer.id)",
            now: now, db: db)
        let sendAt = schedule.recurrence.sendTime(sequence) ?? now
        for offset in try ScheduleSettings.reminderOffsets(db, storeID: schedule.storeID) {
            let remindAt = schedule.recurrence.shift(dueAt, days: offset)
            guard remindAt > sendAt else { continue }
            try db.execute(
                """
                INSERT INTO schedule_reminders (store_id, invoice_id, customer_id, offset_days, remind_at, placeholders, status)
                VALUES (?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT (invoice_id, customer_id, offset_days) DO NOTHING
                """, schedule.storeID, created.id, customer.id, offset, remindAt,
                JSON.object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) })).text)
        }
    }
}
