import PluginSDK
import Storage

/// The kernel's own tables: stores, accounts, tokens, API keys, plugin state.
enum KernelMigrations {
    static let all: [Migration] = [
        Migration(
            "kernel/001-accounts",
            sql: """
                CREATE TABLE stores (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL
                );
                INSERT INTO stores (id, name, created_at) VALUES (1, 'default', CAST(strftime('%s', 'now') AS INTEGER));
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY,
                    store_id INTEGER NOT NULL REFERENCES stores (id),
                    name TEXT NOT NULL UNIQUE,
                    email TEXT UNIQUE,
                    password_hash TEXT,
                    created_at INTEGER NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE admins (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    password_hash TEXT,
                    is_super INTEGER NOT NULL,
                    permissions TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE tokens (
                    token_hash BLOB PRIMARY KEY,
                    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('user', 'admin')),
                    subject_id INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE INDEX tokens_subject ON tokens (subject_kind, subject_id);
                CREATE TABLE api_keys (
                    id INTEGER PRIMARY KEY,
                    store_id INTEGER NOT NULL REFERENCES stores (id),
                    key_hash BLOB NOT NULL UNIQUE,
                    scopes TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                """),
        Migration(
            "kernel/002-plugins",
            sql: """
                CREATE TABLE plugins (
                    name TEXT PRIMARY KEY,
                    version TEXT NOT NULL,
                    source TEXT NOT NULL DEFAULT 'builtin',
                    installed INTEGER NOT NULL,
                    enabled INTEGER NOT NULL,
                    config TEXT NOT NULL DEFAULT '{}',
                    installed_at INTEGER,
                    updated_at INTEGER NOT NULL
                );
                """),
        Migration(
            "kernel/005-cache-generations",
            sql: """
                CREATE TABLE cache_generations (
                    name TEXT PRIMARY KEY,
                    generation INTEGER NOT NULL
                );
                """),
    ] + AccountMigrations.all
}
