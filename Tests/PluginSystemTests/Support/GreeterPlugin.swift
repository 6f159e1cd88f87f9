import Contracts
import Foundation
import PluginSDK

/// A plugin made for these tests: a table of its own, a config schema, an action that publishes
/// an event in its write (and one that does and then fails), and one that runs a filter.
struct GreeterPlugin: Plugin {
    /// Paid invoices its listener saw.
    let seen = Recorder()

    let manifest = PluginManifest(name: "greeter", title: "Greeter", version: "2.1.0", author: "tests", description: "Greets.")

    var migrations: [Migration] {
        [Migration("greeter/001-names", sql: "CREATE TABLE greeter_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")]
    }

    var defaultConfig: JSON { ["greeting": "hello", "repeat": 1] }

    var configSchema: [Param]? {
        [.string("greeting", required: true, maxLength: 20), .integer("repeat", range: 1...5), .boolean("shout")]
    }

    func register(with services: PluginServices) {
        services.hooks.onCommitted(InvoiceEvents.paid, name: "seen") { [seen] event in seen.append(event.payload["id"]?.stringValue ?? "") }
    }

    /// What `name/add` publishes.
    static let added: EventName = "greeter.added"

    var routes: [Route] {
        [
            Route("name", "add", access: .public, params: [.string("name", required: true), .boolean("fail")]) { context in
                let name = try context.params.requiredString("name")
                let fail = try context.params.bool("fail") ?? false
                try await context.storage.write { db in
                    try db.execute("INSERT INTO greeter_names (name) VALUES (?)", name)
                    try context.services.hooks.publish(HookEvent(Self.added, storeID: 1, payload: ["name": .string(name)]), in: db)
                    if fail { throw KernelError.invalid(LocalizedText(verbatim: "refused after publishing")) }
                }
                return .ok(["greeting": .string("\(context.config["greeting"]?.stringValue ?? "") \(name)")])
            },
            Route("name", "count", access: .public) { context in
                let count = try await context.storage.read { db in try db.scalar("SELECT COUNT(*) FROM greeter_names").int64 ?? 0 }
                return .ok(["count": .int(count)])
            },
            Route("card", "render", access: .public) { context in
                .ok(await context.services.hooks.apply(InvoiceFilters.pdfData, to: ["title": "Invoice"]))
            },
        ]
    }
}

/// A thread-safe list the tests' handlers write to.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func append(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}

/// An error that is not a `KernelError`.
struct ListenerBroke: Error {}
