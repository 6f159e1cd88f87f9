import Contracts
import PluginSDK

/// Creates the occurrences that are due. A tick claims due schedules through the partial index
/// on `next_run_at` - so it costs what is due, not what exists - and handles them one occurrence
/// at a time, oldest send time first across all schedules (a server that was down catches up in
/// order). Each occurrence's rows commit together or not at all: the occurrence (unique per
/// schedule and sequence), its invoices (`InvoiceService.create`, whose `invoice.created`
/// listeners run in the same write), the messages to send (the outbox), the reminders and the
/// schedule's next due time.
///
/// A tick is a series of writes, each bounded by `writeBudget`: a write stops taking occurrences
/// once its budget is spent and commits, so requests' writes wait behind a tick for at most
/// that long (and one commit), however much is due. Two processes on one database serialize on
/// SQLite's writer, and the second finds the schedule already advanced; a process killed mid-tick
/// leaves nothing half done; a clock set back finds nothing due twice because sequences only
/// move forward.
public struct Scheduler: Sendable {
    let services: PluginServices
    /// How long one write may take occurrences before it commits and lets requests' writes in.
    public var writeBudget: Duration = .milliseconds(1)
    /// Due schedules (and reminders) read per claim.
    public var batchSize = 32
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
        /// Due occurrences handled, created or skipped (a schedule three occurrences behind counts three).
        public var schedules = 0
        public var occurrences = 0
        public var invoices = 0
        public var skipped = 0
        public var reminders = 0
        /// Writes (commits) the tick took.
        public var writes = 0

        public init() {}

        mutating func add(_ other: Report) {
            schedules += other.schedules
            occurrences += other.occurrences
            invoices += other.invoices
            skipped += other.skipped
            reminders += other.reminders
            writes += other.writes
        }
    }

    /// Handles every occurrence and reminder due as of `now`, in at most `maxWrites` writes.
    public func tick(now: Int64, maxWrites: Int = 100_000) async throws -> Report {
        var total = Report()
        while total.writes < maxWrites {
            let (report, finished) = try await write(now: now)
            total.add(report)
            if finished { break }
        }
        return total
    }

    /// One write: due occurrences, then due reminders, until nothing is due (finished) or the
    /// budget is spent.
    func write(now: Int64) async throws -> (report: Report, finished: Bool) {
        let scheduler = self
        return try await services.storage.write { db in
            let deadline = ContinuousClock.now.advanced(by: scheduler.writeBudget)
            let lookups = TickLookups(db)
            var report = Report()
            report.writes = 1
            guard try scheduler.occurrences(now: now, until: deadline, db: db, lookups: lookups, report: &report) else {
                return (report, false)
            }
            let reminders = Reminders(services: scheduler.services, claimSize: scheduler.batchSize)
            let finished = try reminders.send(now: now, until: deadline, db: db, lookups: lookups, sent: &report.reminders)
            return (report, finished)
        }
    }

    /// Handles due occurrences in order until none is left (true) or the deadline has passed
    /// (false). A schedule still due after its step may now sort after schedules claimed with
    /// it, so the claim is read again.
    private func occurrences(
        now: Int64, until deadline: ContinuousClock.Instant, db: Database, lookups: TickLookups, report: inout Report
    ) throws -> Bool {
        while true {
            let due = try db.query(DueSchedule.claim, now, batchSize)
            var claimAgain = false
            for row in due {
                claimAgain = try step(DueSchedule(row), now: now, db: db, lookups: lookups, report: &report)
                if ContinuousClock.now >= deadline { return false }
                if claimAgain { break }
            }
            if !claimAgain && due.count < batchSize { return true }
        }
    }

    static let insertOccurrence = """
        INSERT INTO schedule_occurrences (schedule_id, store_id, sequence, send_at, due_at, status, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (schedule_id, sequence) DO NOTHING RETURNING id
        """
    static let advance = "UPDATE schedule_schedules SET next_sequence = ?, next_run_at = ?, status = ?, updated_at = ? WHERE id = ?"

    /// Handles `schedule`'s due occurrence: records it (once), invoices each recipient when the
    /// catch-up policy creates it, and moves the schedule to its next occurrence. Answers whether
    /// that one is due as well.
    private func step(_ schedule: DueSchedule, now: Int64, db: Database, lookups: TickLookups, report: inout Report) throws -> Bool {
        let next = schedule.recurrence.sendTime(schedule.sequence + 1)
        let create: Bool
        switch schedule.catchUp {
        case .backfill: create = true
        case .latest: create = next.map { $0 > now } ?? true
        case .skip: create = schedule.sendAt + graceSeconds >= now
        }
        let dueAt = schedule.recurrence.dueTime(sendTime: schedule.sendAt)
        report.schedules += 1
        let inserted = try db.queryOne(
            Self.insertOccurrence, schedule.id, schedule.storeID, schedule.sequence, schedule.sendAt, dueAt, create ? "created" : "skipped", now)
        if let occurrenceID = inserted?.int64("id") {
            if create {
                report.occurrences += 1
                for customerID in schedule.recipients {
                    guard let customer = try CatalogRecords.recipient(db, id: customerID) else { continue }
                    try invoice(schedule, occurrenceID: occurrenceID, dueAt: dueAt, customer: customer, now: now, db: db, lookups: lookups)
                    report.invoices += 1
                }
            } else {
                report.skipped += 1
            }
        }
        let status = next == nil ? Schedule.Status.completed : Schedule.Status.active
        try db.execute(Self.advance, schedule.sequence + 1, next, status.rawValue, now, schedule.id)
        return next.map { $0 <= now } ?? false
    }

    static let linkInvoice = """
        INSERT INTO schedule_occurrence_invoices (occurrence_id, customer_id, invoice_id, invoice_number, total) VALUES (?, ?, ?, ?, ?)
        """
    static let insertReminder = """
        INSERT INTO schedule_reminders (store_id, invoice_id, customer_id, offset_days, remind_at, placeholders, status)
        VALUES (?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT (invoice_id, customer_id, offset_days) DO NOTHING
        """

    /// One customer's invoice of an occurrence, with its email and SMS and its reminders.
    private func invoice(
        _ schedule: DueSchedule, occurrenceID: Int64, dueAt: Int64, customer: Customer, now: Int64, db: Database, lookups: TickLookups
    ) throws {
        // The occurrence's id grows with every occurrence, so this key (the invoice's request id
        // and the messages' de-duplication keys) lands at the end of their unique indexes
        // instead of on a random page of each.
        let key = "occurrence-\(occurrenceID)-\(customer.id)"
        let draft = InvoiceDraft(
            requestID: key, customer: InvoiceCustomer(id: customer.code, email: customer.email), currency: schedule.template.currency,
            lines: schedule.template.lines, feedback: schedule.feedback,
            dropUnusableCoupons: true, attachments: schedule.attachments, attachmentsAfterPayment: schedule.attachmentsAfterPayment,
            dropMissingAttachments: true)
        let created = try services.hooks.call(InvoiceService.create, draft, storeID: schedule.storeID, in: db)
        try db.execute(Self.linkInvoice, occurrenceID, customer.id, created.id, created.number, created.total)
        guard schedule.sendNotifications else { return }
        let values = [
            "customer_name": customer.name, "invoice_number": created.number, "amount": created.total + " " + created.currency,
            "due_date": MessageTemplate.date(dueAt, recurrence: schedule.recurrence), "pay_link": payLink + created.number,
        ]
        let message = try lookups.template(storeID: schedule.storeID, kind: .invoice, language: customer.language).filled(values)
        try Reminders.send(
            message, to: customer, outbox: services.outbox, cc: schedule.cc.filter { $0 != customer.email }, storeID: schedule.storeID,
            topic: "invoice.sent", key: key, now: now, db: db)
        var placeholders: String?
        for offset in try lookups.reminderOffsets(storeID: schedule.storeID) {
            let remindAt = schedule.recurrence.shift(dueAt, days: offset)
            guard remindAt > schedule.sendAt else { continue }
            let stored = placeholders ?? Reminders.placeholders(values)
            placeholders = stored
            try db.execute(Self.insertReminder, schedule.storeID, created.id, customer.id, offset, remindAt, stored)
        }
    }
}
