import Contracts
import PluginSDK

/// Reminders for unpaid invoices of schedules: rows made with each invoice at the store's
/// offsets from its due date, sent in the scheduler's batches when due, through the outbox, in the customer's
/// language with the store's reminder template. Each one asks the invoice plugin first
/// (`InvoiceService.status`): an invoice that is no longer pending - paid, cancelled, expired -
/// stops its reminders.
struct Reminders: Sendable {
    let services: PluginServices
    var batchSize = 100

    /// Sends (or stops) up to `batchSize` reminders due at `now` inside the caller's write;
    /// answers how many were sent.
    func send(now: Int64, db: Database) throws -> Int {
        let limit = batchSize
        let due = try db.query(
            "SELECT id, store_id, invoice_id, customer_id, placeholders FROM schedule_reminders WHERE status = 'pending' AND remind_at <= ? ORDER BY remind_at, id LIMIT ?",
            now, limit)
        var sent = 0
        for row in due {
            let id = row.int64("id") ?? 0
            let storeID = row.int64("store_id") ?? 0
            let state = try services.hooks.call(InvoiceService.status, InvoiceID(try row.require("invoice_id")), storeID: storeID, in: db)
            guard state?.isPending == true, let customer = try CatalogRecords.customer(db, id: row.int64("customer_id") ?? 0) else {
                try db.execute("UPDATE schedule_reminders SET status = 'stopped' WHERE id = ?", id)
                continue
            }
            var values: [String: String] = [:]
            for (key, value) in Schedule.parse(row.string("placeholders")).objectValue ?? JSONObject() { values[key] = value.stringValue ?? "" }
            values["customer_name"] = customer.name
            let template = try MessageTemplate.load(db, storeID: storeID, kind: .reminder, language: customer.language).filled(values)
            try Self.send(template, to: customer, outbox: services.outbox, cc: [], storeID: storeID, topic: "invoice.reminder", key: "reminder-\(id)", now: now, db: db)
            try db.execute("UPDATE schedule_reminders SET status = 'sent' WHERE id = ?", id)
            sent += 1
        }
        return sent
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
