import Contracts
import PluginSDK

/// Reminders for unpaid invoices of schedules: rows made with each invoice at the store's
/// offsets from its due date, sent in the scheduler's writes when due, through the outbox, in the
/// customer's language with the store's reminder template. Each one asks the invoice plugin
/// first (`InvoiceService.status`): an invoice that is no longer pending - paid, cancelled,
/// expired - stops its reminders.
struct Reminders: Sendable {
    let services: PluginServices
    /// Due reminders read per claim.
    var claimSize = 32

    static let claim = """
        SELECT id, store_id, invoice_id, customer_id, placeholders FROM schedule_reminders
        WHERE status = 'pending' AND remind_at <= ? ORDER BY remind_at, id LIMIT ?
        """

    /// Sends (or stops) reminders due at `now` inside the caller's write until none is left
    /// (true) or the deadline has passed (false); counts the ones sent in `sent`.
    func send(now: Int64, until deadline: ContinuousClock.Instant, db: Database, lookups: TickLookups, sent: inout Int) throws -> Bool {
        while true {
            let due = try db.query(Self.claim, now, claimSize)
            for row in due {
                if try send(row, now: now, db: db, lookups: lookups) { sent += 1 }
                if ContinuousClock.now >= deadline { return false }
            }
            if due.count < claimSize { return true }
        }
    }

    /// Sends one due reminder, or stops it when its invoice is no longer pending; true when sent.
    private func send(_ row: Row, now: Int64, db: Database, lookups: TickLookups) throws -> Bool {
        let id: Int64 = try row.require("id")
        let storeID: Int64 = try row.require("store_id")
        let state = try services.hooks.call(InvoiceService.status, InvoiceID(try row.require("invoice_id")), storeID: storeID, in: db)
        guard state?.isPending == true, let customer = try CatalogRecords.recipient(db, id: row.int64("customer_id") ?? 0) else {
            try db.execute("UPDATE schedule_reminders SET status = 'stopped' WHERE id = ?", id)
            return false
        }
        var values: [String: String] = [:]
        for (key, value) in Schedule.parse(row.string("placeholders")).objectValue ?? JSONObject() { values[key] = value.stringValue ?? "" }
        values["customer_name"] = customer.name
        let template = try lookups.template(storeID: storeID, kind: .reminder, language: customer.language).filled(values)
        try Self.send(template, to: customer, outbox: services.outbox, cc: [], storeID: storeID, topic: "invoice.reminder", key: "reminder-\(id)", now: now, db: db)
        try db.execute("UPDATE schedule_reminders SET status = 'sent' WHERE id = ?", id)
        return true
    }

    /// What a reminder fills its template with (but the customer's name, read when it is sent),
    /// as its row keeps them: a JSON object, keys in order.
    static func placeholders(_ values: [String: String]) -> String {
        JSON.object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) })).text
    }

    /// Stops every pending reminder of an invoice (on `invoice.paid`).
    static func stop(invoiceID: Int64, storeID: Int64, db: Database) throws {
        try db.execute("UPDATE schedule_reminders SET status = 'stopped' WHERE invoice_id = ? AND store_id = ? AND status = 'pending'", invoiceID, storeID)
    }

    /// Queues `message` as email (customer and `cc`) and SMS (customer's phone) in the caller's write.
    static func send(
        _ message: MessageTemplate, to customer: Customer, outbox: any OutboxQueue, cc: [String], storeID: Int64, topic: String, key: String,
        now: Int64, db: Database
    ) throws {
        for address in (customer.email.map { [$0] } ?? []) + cc {
            try outbox.enqueue(
                .email(storeID: storeID, address: address, topic: topic, subject: message.subject, body: message.body, dedupeKey: "\(key)-email-\(address)"),
                in: db)
        }
        if let phone = customer.phone {
            try outbox.enqueue(.sms(storeID: storeID, phone: phone, topic: topic, text: message.sms, dedupeKey: "\(key)-sms"), in: db)
        }
    }
}
