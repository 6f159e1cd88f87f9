import Foundation
import CopyPlugin
import InvoicePlugin
import Kernel
import PluginSDK
import Storage
import TestSupport

@testable import SchedulePlugin

/// A real server with the invoice and schedule plugins, an API key for both, and shortcuts.
struct ScheduleFixture: Sendable {
    let server: TestServer
    let apiKey: String

    static func with<T: Sendable>(dataDir: String? = nil, _ body: @Sendable (ScheduleFixture) async throws -> T) async throws -> T {
        try await TestServer.with(plugins: [InvoicePlugin(), SchedulePlugin(), CopyPlugin()], dataDir: dataDir) { server in
            let key = try await server.kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["invoices", "schedules"]).key
            return try await body(ScheduleFixture(server: server, apiKey: key))
        }
    }

    var services: PluginServices { server.kernel.access.services(for: "schedule") }

    func call(_ control: String, _ action: String, _ body: JSON = .emptyObject) async throws -> HTTPResult {
        try await server.call("schedule", control, action, body, headers: [("X-Api-Key", apiKey)])
    }

    /// Calls and insists on success; answers `data`.
    @discardableResult
    func ok(_ control: String, _ action: String, _ body: JSON = .emptyObject) async throws -> JSON {
        let answer = try await call(control, action, body)
        guard answer.code == 0, let data = answer.data else { throw RawHTTP.Failure(description: "\(control)/\(action): \(answer.text)") }
        return data
    }

    /// Saves the store's invoice settings (currency, tax, time zone) as a new admin; insists on success.
    func saveInvoiceSettings(_ changes: JSON) async throws {
        let admin = try await server.admin("settings-\(UUID().uuidString.prefix(8))")
        let saved = try await server.call("invoice", "settings", "save", changes, token: admin, path: "/admin/plugins/index")
        guard saved.code == 0 else { throw RawHTTP.Failure(description: "invoice/settings/save: \(saved.text)") }
    }

    func customer(_ code: String, email: String? = nil, phone: String? = nil, tags: [String] = [], language: String = "en") async throws {
        var body: JSONObject = ["code": .string(code), "name": .string("Customer \(code)"), "language": .string(language)]
        if let email { body["email"] = .string(email) }
        if let phone { body["phone"] = .string(phone) }
        body["tags"] = .array(tags.map { .string($0) })
        try await ok("customer", "create", .object(body))
    }

    /// A PayPing body: one one-off product (no catalog code) of 100.00, `count` occurrences.
    static func body(
        customers: [String], sendDate: String, type: Int64 = 2, count: Int64 = 3, interval: Int64 = 1, catchUp: String = "backfill",
        createStatus: Int64 = 1
    ) -> JSON {
        [
            "customers": .array(customers.map { ["code": .string($0)] }),
            "createStatus": .int(createStatus),
            "title": "Monthly plan",
            "sendDate": .string(sendDate),
            "discountAmount": 0,
            "discountType": 0,
            "shipping": 0,
            "notes": "Thanks",
            "schedule": ["interval": .int(interval), "scheduleType": .int(type), "count": .int(count), "dueDateAfterHowManyDay": 7, "catchUp": .string(catchUp)],
            "products": [["title": "Plan", "quantity": 1, "amount": "100.00", "haveTax": false]],
        ]
    }

    func scheduler() -> Scheduler { Scheduler(services: services) }

    func count(_ sql: String, _ arguments: any SQLBindable...) async throws -> Int64 {
        let bound = arguments
        return try await server.kernel.access.storage.read { db in try db.queryOne(sql, arguments: bound)?.values.first?.int64 ?? 0 }
    }

    static func utc(_ text: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970)
    }
}
