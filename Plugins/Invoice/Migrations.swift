import PluginSDK

/// The invoice plugin's tables, all prefixed `invoice_`. Money columns hold minor units; times
/// are Unix seconds (UTC).
enum InvoiceMigrations {
    static let all: [Migration] = [
        Migration(
            "invoice/001-invoices",
            sql: """
                CREATE TABLE invoice_store_settings (
                    store_id INTEGER PRIMARY KEY,
                    settings TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE invoice_counters (
                    store_id INTEGER NOT NULL,
                    period TEXT NOT NULL,
                    last_value INTEGER NOT NULL,
                    PRIMARY KEY (store_id, period)
                );
                CREATE TABLE invoice_invoices (
                    id INTEGER PRIMARY KEY,
                    store_id INTEGER NOT NULL,
                    number TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    user_id INTEGER,
                    status TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    total INTEGER NOT NULL,
                    vat INTEGER NOT NULL,
                    original_amount INTEGER NOT NULL,
                    full_price INTEGER NOT NULL,
                    fee INTEGER NOT NULL DEFAULT 0,
                    refunded INTEGER NOT NULL DEFAULT 0,
                    tax_rate_bp INTEGER NOT NULL,
                    tax_inclusive INTEGER NOT NULL,
                    gateway_type TEXT,
                    transaction_id TEXT,
                    checkout_url TEXT,
                    gateway_data TEXT NOT NULL DEFAULT '{}',
                    paid_amount INTEGER,
                    paid_at INTEGER,
                    expires_at INTEGER,
                    customer TEXT NOT NULL DEFAULT '{}',
                    coupon_id INTEGER,
                    subscription_id INTEGER,
                    feedback TEXT,
                    webhooks TEXT NOT NULL DEFAULT '[]',
                    request_id TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    UNIQUE (store_id, number),
                    UNIQUE (store_id, request_id)
                );
                CREATE INDEX invoice_invoices_user ON invoice_invoices (user_id, kind, paid_at);
                CREATE INDEX invoice_invoices_store ON invoice_invoices (store_id, created_at);
                CREATE INDEX invoice_invoices_transaction ON invoice_invoices (gateway_type, transaction_id);
                CREATE TABLE invoice_lines (
                    invoice_id INTEGER NOT NULL REFERENCES invoice_invoices (id),
                    position INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL,
                    have_tax INTEGER NOT NULL,
                    quantity INTEGER NOT NULL,
                    amount INTEGER NOT NULL,
                    discount_amount INTEGER NOT NULL,
                    discount_type INTEGER NOT NULL,
                    discount INTEGER NOT NULL,
                    vat INTEGER NOT NULL,
                    total INTEGER NOT NULL,
                    PRIMARY KEY (invoice_id, position)
                );
                CREATE TABLE invoice_history (
                    id INTEGER PRIMARY KEY,
                    invoice_id INTEGER NOT NULL REFERENCES invoice_invoices (id),
                    status TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    note TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX invoice_history_invoice ON invoice_history (invoice_id, id);
                CREATE TABLE invoice_gateway_events (
                    gateway TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    store_id INTEGER NOT NULL,
                    received_at INTEGER NOT NULL,
                    PRIMARY KEY (gateway, event_id)
                );
                """),
        Migration(
            "invoice/002-applications",
            sql: """
                CREATE TABLE invoice_applications (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    store_id INTEGER NOT NULL,
                    user_id INTEGER NOT NULL,
                    business_type INTEGER NOT NULL,
                    status INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    total_price INTEGER NOT NULL,
                    apply_type INTEGER NOT NULL,
                    invoice_type INTEGER NOT NULL,
                    invoice_content TEXT NOT NULL DEFAULT '',
                    invoice_title TEXT NOT NULL DEFAULT '',
                    invoice_code TEXT NOT NULL DEFAULT '',
                    invoice_bank TEXT NOT NULL DEFAULT '',
                    invoice_account TEXT NOT NULL DEFAULT '',
                    invoice_tel TEXT NOT NULL DEFAULT '',
                    invoice_address TEXT NOT NULL DEFAULT '',
                    name TEXT NOT NULL DEFAULT '',
                    tel TEXT NOT NULL DEFAULT '',
                    email TEXT NOT NULL DEFAULT '',
                    address TEXT NOT NULL DEFAULT '',
                    electronic_invoice TEXT,
                    express_name TEXT NOT NULL DEFAULT '',
                    express_number TEXT NOT NULL DEFAULT '',
                    refuse_reason TEXT NOT NULL DEFAULT '',
                    user_note TEXT NOT NULL DEFAULT '',
                    add_time INTEGER NOT NULL,
                    upd_time INTEGER
                );
                CREATE INDEX invoice_applications_user ON invoice_applications (user_id, id);
                CREATE INDEX invoice_applications_store ON invoice_applications (store_id, status, id);
                CREATE TABLE invoice_application_items (
                    application_id INTEGER NOT NULL REFERENCES invoice_applications (id),
                    invoice_id INTEGER NOT NULL REFERENCES invoice_invoices (id),
                    business_no TEXT NOT NULL,
                    live INTEGER NOT NULL,
                    PRIMARY KEY (application_id, invoice_id)
                );
                CREATE UNIQUE INDEX invoice_application_items_live ON invoice_application_items (invoice_id) WHERE live = 1;
                """),
        Migration(
            "invoice/003-store-logos",
            sql: """
                CREATE TABLE invoice_store_logos (
                    store_id INTEGER PRIMARY KEY,
                    png BLOB NOT NULL,
                    width INTEGER NOT NULL,
                    height INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                """),
        // The order and recharge lists filter a user's invoices by status and gateway and sort
        // them by payment time: with those columns in the index, counting them reads no table row.
        Migration(
            "invoice/004-user-list-index",
            sql: """
                CREATE INDEX invoice_invoices_user_list ON invoice_invoices (user_id, kind, paid_at, status, gateway_type);
                DROP INDEX invoice_invoices_user;
                """),
        // The secret hosted invoice links are signed with (`merchant/link`, rotated on purpose).
        Migration(
            "invoice/005-hosted-links",
            sql: """
                CREATE TABLE invoice_link_secret (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    secret BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                );
                INSERT INTO invoice_link_secret (id, secret, created_at)
                    VALUES (1, randomblob(32), CAST(strftime('%s', 'now') AS INTEGER));
                """),
        // A store's coupons (percent or fixed amount, validity window, usage limit); each line
        // keeps the coupon it was billed with and what it took off.
        Migration(
            "invoice/006-coupons",
            sql: """
                CREATE TABLE invoice_coupons (
                    id INTEGER PRIMARY KEY,
                    store_id INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
                    value INTEGER NOT NULL CHECK (value > 0),
                    currency TEXT,
                    starts_at INTEGER,
                    ends_at INTEGER,
                    usage_limit INTEGER CHECK (usage_limit IS NULL OR usage_limit > 0),
                    used INTEGER NOT NULL DEFAULT 0,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    UNIQUE (store_id, code),
                    CHECK (usage_limit IS NULL OR used <= usage_limit)
                );
                ALTER TABLE invoice_lines ADD COLUMN coupon_code TEXT NOT NULL DEFAULT '';
                ALTER TABLE invoice_lines ADD COLUMN coupon_discount INTEGER NOT NULL DEFAULT 0;
                """),
        // Files a store hands its customers with invoices (PDF, PNG, JPEG, UTF-8 text; the type
        // decided from the bytes), kept as BLOBs so they are written, backed up and restored with
        // the invoices that list them; each invoice's list of them in order, with whether they
        // wait for its payment.
        Migration(
            "invoice/007-attachments",
            sql: """
                CREATE TABLE invoice_attachments (
                    id INTEGER PRIMARY KEY,
                    store_id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL CHECK (type IN ('pdf', 'png', 'jpeg', 'text')),
                    size INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    content BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX invoice_attachments_store ON invoice_attachments (store_id, id);
                CREATE TABLE invoice_invoice_attachments (
                    invoice_id INTEGER NOT NULL REFERENCES invoice_invoices (id),
                    position INTEGER NOT NULL,
                    attachment_id INTEGER NOT NULL REFERENCES invoice_attachments (id),
                    after_payment INTEGER NOT NULL,
                    PRIMARY KEY (invoice_id, position)
                );
                CREATE INDEX invoice_invoice_attachments_attachment ON invoice_invoice_attachments (attachment_id);
                """),
        // Issue 14: when a payment's news arrived (paid_at is the gateway's own time), and the
        // fingerprint of the parameters an idempotency key was first used with.
        Migration(
            "invoice/008-payment-arrival-and-idempotency",
            sql: """
                ALTER TABLE invoice_invoices ADD COLUMN payment_received_at INTEGER;
                ALTER TABLE invoice_invoices ADD COLUMN request_fingerprint TEXT;
                """),
    ]
}
