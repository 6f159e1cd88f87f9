import PluginSDK
import Storage

/// Account management's additions to the kernel tables: API keys listed by a prefix and a name.
enum AccountMigrations {
    static let all: [Migration] = [
        Migration(
            "kernel/006-api-key-prefixes",
            sql: """
                ALTER TABLE api_keys ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
                ALTER TABLE api_keys ADD COLUMN name TEXT NOT NULL DEFAULT '';
                CREATE INDEX api_keys_store ON api_keys (store_id);
                CREATE INDEX users_store ON users (store_id);
                """)
    ]
}
