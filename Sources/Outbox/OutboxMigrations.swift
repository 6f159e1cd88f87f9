import PluginSDK
import Storage

/// The outbox's tables: messages waiting to go out, and a log of every delivery attempt.
enum OutboxMigrations {
    static let outbox = Migration(
        "kernel/003-outbox",
        sql: """
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL UNIQUE,
                store_id INTEGER NOT NULL,
                channel TEXT NOT NULL,
                destination TEXT NOT NULL,
                topic TEXT NOT NULL,
                payload TEXT NOT NULL,
                secret TEXT,
                dedupe_key TEXT UNIQUE,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                give_up_at INTEGER NOT NULL,
                lease_owner TEXT,
                last_error TEXT,
                created_at INTEGER NOT NULL,
                delivered_at INTEGER
            );
            CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
            CREATE INDEX outbox_store ON outbox (store_id, id);
            CREATE TABLE outbox_deliveries (
                id INTEGER PRIMARY KEY,
                outbox_id INTEGER NOT NULL REFERENCES outbox (id),
                attempt INTEGER NOT NULL,
                at INTEGER NOT NULL,
                ok INTEGER NOT NULL,
                status_code INTEGER,
                detail TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX outbox_deliveries_message ON outbox_deliveries (outbox_id, id);
            """)

    /// Partial indexes over the failures alone, so `/metrics` counts failed messages and failed
    /// attempts by channel without reading every message and attempt ever made.
    static let failureIndexes = Migration(
        "kernel/007-outbox-failure-indexes",
        sql: """
            CREATE INDEX outbox_failed ON outbox (channel) WHERE status = 'failed';
            CREATE INDEX outbox_deliveries_failed ON outbox_deliveries (outbox_id) WHERE ok = 0;
            """)
}
