import PluginSDK

/// The plugin's actions.
enum Greetings {
    static let hello = LocalizedText(en: "Hello", zh: "你好", fa: "سلام")

    /// `hello/greet/say`: "Hello, Ann!" (or 你好 / سلام), remembered for a logged-in user.
    static func say(_ context: ActionContext) async throws -> Reply {
        let name = context.params.string("name").flatMap { $0.isEmpty ? nil : $0 } ?? "world"
        let punctuation = context.config["punctuation"]?.stringValue ?? "!"
        if let user = context.caller.user {
            let now = context.now
            try await context.storage.write { db in
                try db.execute("INSERT INTO hello_greetings (user_id, name, created_at) VALUES (?, ?, ?)", user.id, name, now)
            }
        }
        return .ok(["greeting": .string("\(hello(context.language)), \(name)\(punctuation)")])
    }

    /// `hello/greet/mine`: how many greetings the calling user asked for.
    static func mine(_ context: ActionContext) async throws -> Reply {
        let user = try context.requireUser()
        let count = try await context.storage.read { db in
            try db.scalar("SELECT COUNT(*) FROM hello_greetings WHERE user_id = ?", user.id).int64 ?? 0
        }
        return .ok(["count": .int(count)])
    }

    /// `hello/stats/paid`: paid invoices the listener counted, per store.
    static func paid(_ context: ActionContext) async throws -> Reply {
        let rows = try await context.storage.read { db in try db.query("SELECT store_id, count FROM hello_paid ORDER BY store_id") }
        return .ok(.array(rows.map { ["store_id": .int($0.int64("store_id") ?? 0), "count": .int($0.int64("count") ?? 0)] }))
    }
}
