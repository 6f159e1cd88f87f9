import PluginSDK

/// The schedule plugin's tables: customers, items, schedules, occurrences and store settings.
enum ScheduleMigrations {
    static let all: [Migration] = [
        Migration(
            "schedule/001-catalog",
            sql: """
                CREATE TABLE schedule_customers (
                    id INTEGER PRIMARY KEY,
                    store_id INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT,
                    phone TEXT,
                    language TEXT NOT NULL DEFAULT 'en',
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    UNIQUE (store_id, code)
                );
                CREATE TABLE schedule_customer_tags (
                    customer_id INTEGER NOT NULL REFERENCES schedule_customers (id) ON DELETE CASCADE,
                    store_id INTEGER NOT NULL,
                    tag TEXT NOT NULL,
                    PRIMARY KEY (customer_id, tag)
                );
                CREATE INDEX schedule_customer_tags_tag ON schedule_customer_tags (store_id, tag);
                CREATE TABLE schedule_items (
                    id INTEGER PRIMARY KEY,
                    store_id INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    amount TEXT NOT NULL,
                    have_tax INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    UNIQUE (store_id, code)
                );
                """),
        Migration(
            "schedule/002-schedules",
            sql: """
                CREATE TABLE schedule_schedules (
                    id INTEGER PRIMARY KEY,
                    store_id INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    title TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'cancelled', 'completed')),
                    send_notifications INTEGER NOT NULL,
                    request TEXT NOT NULL,
                    invoice TEXT NOT NULL,
                    recipients TEXT NOT NULL,
                    totals TEXT NOT NULL,
                    unit INTEGER NOT NULL,
                    interval INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    start_at INTEGER NOT NULL,
                    time_zone TEXT NOT NULL,
                    calendar TEXT NOT NULL,
                    working_days INTEGER NOT NULL,
                    weekend TEXT NOT NULL,
                    due_after_days INTEGER NOT NULL,
                    catch_up TEXT NOT NULL CHECK (catch_up IN ('backfill', 'latest', 'skip')),
                    next_sequence INTEGER NOT NULL DEFAULT 0,
                    next_run_at INTEGER,
                    request_id TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    UNIQUE (store_id, code),
                    UNIQUE (store_id, request_id)
                );
                CREATE INDEX schedule_due ON schedule_schedules (next_run_at) WHERE status = 'active';
                CREATE TABLE schedule_occurrences (
                    id INTEGER PRIMARY KEY,
                    schedule_id INTEGER NOT NULL REFERENCES schedule_schedules (id),
                    store_id INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    send_at INTEGER NOT NULL,
                    due_at INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('created', 'skipped')),
                    created_at INTEGER NOT NULL,
                    UNIQUE (schedule_id, sequence)
                );
                CREATE TABLE schedule_occurrence_invoices (
                    occurrence_id INTEGER NOT NULL REFERENCES schedule_occurrences (id),
                    customer_id INTEGER NOT NULL,
                    invoice_id INTEGER NOT NULL,
                    invoice_number TEXT NOT NULL,
                    total TEXT NOT NULL,
                    PRIMARY KEY (occurrence_id, customer_id)
                );
                CREATE TABLE schedule_store_settings (
                    store_id INTEGER PRIMARY KEY,
                    weekend TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                """),
        Migration(
            "schedule/003-reminders",
            sql: """
                CREATE TABLE schedule_templates (
                    store_id INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'reminder')),
                    language TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    sms TEXT NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (store_id, kind, language)
                );
                ALTER TABLE schedule_store_settings ADD COLUMN reminder_offsets TEXT;
                CREATE TABLE schedule_reminders (
                    id INTEGER PRIMARY KEY,
                    store_id INTEGER NOT NULL,
                    invoice_id INTEGER NOT NULL,
                    customer_id INTEGER NOT NULL,
                    offset_days INTEGER NOT NULL,
                    remind_at INTEGER NOT NULL,
                    placeholders TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'stopped')),
                    UNIQUE (invoice_id, customer_id, offset_days)
                );
                CREATE INDEX schedule_reminders_due ON schedule_reminders (remind_at) WHERE status = 'pending';
                CREATE INDEX schedule_reminders_invoice ON schedule_reminders (invoice_id);
                """),
        // A copy of an invoice keeps that invoice's line codes, which are not catalog items: the
        // schedule remembers the invoice so its own copies are not refused for them.
        Migration(
            "schedule/004-lines-from",
            sql: """
                ALTER TABLE schedule_schedules ADD COLUMN lines_from TEXT;
                """),
        Migration("schedule/005-notice-columns", apply: noticeColumns),
    ]

    /// Each schedule's notes, email copies and attachments in columns of their own, so the
    /// scheduler reads them without parsing the whole PayPing body it keeps in `request`; filled
    /// from that body for the schedules that exist.
    static func noticeColumns(_ db: Database) throws {
        try db.executeScript(
            """
            ALTER TABLE schedule_schedules ADD COLUMN feedback TEXT NOT NULL DEFAULT '';
            ALTER TABLE schedule_schedules ADD COLUMN cc TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE schedule_schedules ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE schedule_schedules ADD COLUMN attachments_after_payment INTEGER NOT NULL DEFAULT 0;
            """)
        for row in try db.query("SELECT id, request FROM schedule_schedules") {
            let request = Schedule.parse(row.string("request"))
            let notes = String((request["notes"]?.stringValue ?? "").prefix(2_000))
            let cc = (try? ScheduleRequest.codes(request["cc"], field: "cc", objectKey: "emailAddress")) ?? []
            let attachments = (try? ScheduleRequest.codes(request["attachments"], field: "attachments", objectKey: "id")) ?? []
            let afterPayment = request["sendAttachmentsAfterSuccessPayment"]?.boolValue ?? false
            guard !notes.isEmpty || !cc.isEmpty || !attachments.isEmpty || afterPayment else { continue }
            try db.execute(
                "UPDATE schedule_schedules SET feedback = ?, cc = ?, attachments = ?, attachments_after_payment = ? WHERE id = ?", notes,
                ScheduleRecords.ccText(cc), ScheduleRecords.idsText(attachments), afterPayment, try row.require("id", as: Int64.self))
        }
    }
}
