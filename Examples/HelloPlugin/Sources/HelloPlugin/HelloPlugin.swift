import Contracts
import PluginSDK

/// A third-party plugin in one file's worth of code: a greeting anyone may ask for, a count of
/// the greetings a user asked for (its own table), a config with a schema, and a listener that
/// counts paid invoices.
public struct HelloPlugin: Plugin {
    public init() {}

    public let manifest = PluginManifest(
        name: "hello", title: "Hello", version: "1.0.0", author: "Example Ltd",
        description: "Greets callers in their language; an example of a third-party plugin.")

    public var migrations: [Migration] {
        [
            Migration(
                "hello/001-greetings",
                sql: "CREATE TABLE hello_greetings (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL)"),
            Migration("hello/002-paid-count", sql: "CREATE TABLE hello_paid (store_id INTEGER PRIMARY KEY, count INTEGER NOT NULL)"),
        ]
    }

    public var defaultConfig: JSON { ["punctuation": "!"] }

    public var configSchema: [Param]? {
        [.string("punctuation", required: true, maxLength: 3, allowed: ["!", ".", "?", "!!"], "What ends a greeting")]
    }

    public var routes: [Route] {
        [
            Route(
                "greet", "say", access: .public, allowsGET: true, params: [.string("name", maxLength: 60, "Who to greet")],
                summary: "A greeting in the caller's language", handler: Greetings.say),
            Route("greet", "mine", access: .user, summary: "How many greetings this user asked for", handler: Greetings.mine),
            Route("stats", "paid", access: .admin(), summary: "Paid invoices seen per store", handler: Greetings.paid),
        ]
    }

    /// Counts paid invoices in the very write that records the payment (a durable listener), so
    /// a crash can never leave a payment uncounted or counted twice.
    public func register(with services: PluginServices) {
        services.hooks.on(InvoiceEvents.paid, name: "count-paid") { event, db in
            guard let storeID = event.storeID else { return }
            try db.execute(
                "INSERT INTO hello_paid (store_id, count) VALUES (?, 1) ON CONFLICT (store_id) DO UPDATE SET count = count + 1", storeID)
        }
    }
}
