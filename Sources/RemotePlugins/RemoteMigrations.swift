import PluginSDK
import Storage

/// The kernel's table of remote plugins (their state lives in `plugins` like any plugin's).
/// (Numbered 004: 003 is the outbox of issue 7.)
enum RemoteMigrations {
    static let all: [Migration] = [
        Migration(
            "kernel/004-remote-plugins",
            sql: """
                CREATE TABLE remote_plugins (
                    name TEXT PRIMARY KEY,
                    base_url TEXT NOT NULL,
                    manifest TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    registered_at INTEGER NOT NULL
                );
                """)
    ]
}
