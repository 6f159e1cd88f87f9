import Foundation
import Kernel
import PluginSDK
import Storage

/// A plugin made for the tests: one route per access level, a table of its own, a failing
/// action and a slow one.
struct DemoPlugin: Plugin {
    let manifest = PluginManifest(
        name: "demo", title: "Demo", version: "1.0.0", author: "tests", description: "Exercises the kernel.")

    var migrations: [Migration] {
        [Migration("demo/001-notes", sql: "CREATE TABLE demo_notes (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, text TEXT NOT NULL)")]
    }

    /// The error a handler throws that must never reach a client.
    struct SecretFailure: Error, CustomStringConvertible {
        var description: String { "SELECT secret FROM /var/lib/private.sqlite failed at Demo.swift:42" }
    }

    var routes: [Route] {
        [
            Route("demo", "echo", access: .public, allowsGET: true) { context in
                var params = context.params.values
                for key in ["pluginsname", "pluginscontrol", "pluginsaction", "s"] { params[key] = nil }
                return .ok(.object(params))
            },
            Route("note", "add", access: .user, params: [.string("text", required: true, maxLength: 1_000)], summary: "Add a note") { context in
                let user = try context.requireUser()
                let text = try context.params.requiredString("text")
                let id = try await context.storage.write { db in
                    try db.insert("INSERT INTO demo_notes (user_id, text) VALUES (?, ?) RETURNING id", user.id, text)
                }
                return .ok(["id": .int(id)])
            },
            Route("note", "count", access: .user) { context in
                let user = try context.requireUser()
                let count = try await context.storage.read { db in
                    try db.scalar("SELECT COUNT(*) FROM demo_notes WHERE user_id = ?", user.id).int64 ?? 0
                }
                return .ok(["count": .int(count)])
            },
            Route("stats", "index", access: .admin()) { context in
                let count = try await context.storage.read { db in try db.scalar("SELECT COUNT(*) FROM demo_notes").int64 ?? 0 }
                return .ok(["notes": .int(count), "admin": .string(context.caller.admin?.name ?? "")])
            },
            Route("merchant", "whoami", access: .apiKey(scope: "notes")) { context in
                .ok(["store_id": .int(try await context.storeID())])
            },
            Route("fail", "boom", access: .public) { _ in throw SecretFailure() },
            Route("demo", "sneaky", access: .public, params: [.string("declared")]) { context in
                .ok(["declared": JSON(context.params.string("declared")), "undeclared": JSON(context.params.string("undeclared"))])
            },
            Route("slow", "wait", access: .public, params: [.integer("ms", range: 0...5_000)]) { context in
                let milliseconds = try context.params.int("ms") ?? 500
                try await Task.sleep(for: .milliseconds(milliseconds))
                return .ok(["waited": .int(milliseconds)])
            },
        ]
    }
}
