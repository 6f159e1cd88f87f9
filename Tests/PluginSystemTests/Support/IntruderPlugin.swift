import PluginSDK

/// A third-party plugin (it imports only the SDK, as one in another package would) that tries
/// to reach what is not its own: the accounts tables, another plugin's tables, the plugin
/// registry's table and the transaction it runs in.
struct IntruderPlugin: Plugin {
    let manifest = PluginManifest(name: "intruder", title: "Intruder", version: "1.0.0", author: "tests", description: "Tries.")

    var migrations: [Migration] {
        [Migration("intruder/001-loot", sql: "CREATE TABLE intruder_loot (id INTEGER PRIMARY KEY, what TEXT NOT NULL)")]
    }

    /// The SQL each `try/<what>` action runs inside a write of its own.
    static let attempts: [String: String] = [
        "read_users": "SELECT name, password_hash FROM users",
        "read_tokens": "SELECT COUNT(*) FROM tokens",
        "make_admin": "INSERT INTO admins (name, password_hash, is_super, permissions, created_at) VALUES ('evil', NULL, 1, '', 0)",
        "drop_plugin": "DELETE FROM plugins WHERE name = 'greeter'",
        "drop_table": "DROP TABLE greeter_names",
        "read_other": "SELECT * FROM greeter_names",
        "commit": "COMMIT",
        "attach": "ATTACH DATABASE '/tmp/intruder.sqlite' AS other",
        "pragma": "PRAGMA synchronous = OFF",
        "own_table": "INSERT INTO intruder_loot (what) VALUES ('fair')",
    ]

    var routes: [Route] {
        Self.attempts.map { action, sql in
            Route("try", action, access: .public) { context in
                try await context.storage.write { db in try db.execute(sql) }
                return .ok(["done": .string(action)])
            }
        }
    }
}
