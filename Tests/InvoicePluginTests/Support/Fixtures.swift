import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import Storage
import TestSupport

/// Shortcuts for invoice tests: a server with the invoice plugin, an API key, and invoices
/// created and paid through the real merchant API.
struct InvoiceFixture: Sendable {
    let server: TestServer
    /// An API key of store 1 with scope `invoices`.
    let apiKey: String

    /// Runs `body` against a fresh server with the invoice plugin installed.
    static func with<T: Sendable>(
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        clock: KernelClock = KernelClock(),
        _ body: @Sendable (InvoiceFixture) async throws -> T
    ) async throws -> T {
        try await TestServer.with(plugins: [InvoicePlugin()], clock: clock, configure: configure) { server in
            let key = try await server.kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["invoices"]).key
            return try await body(InvoiceFixture(server: server, apiKey: key))
        }
    }

    /// Calls a merchant action with the API key.
    func merchant(_ action: String, _ body: JSON = .emptyObject, headers: [(String, String)] = []) async throws -> HTTPResult {
        try await server.call("invoice", "merchant", action, body, headers: [("X-Api-Key", apiKey)] + headers)
    }

    /// Creates an invoice of one line for `userID` and returns its JSON (`data` of the answer).
    func createInvoice(
        userID: Int64?, amount: String = "100.00", kind: String = "order", haveTax: Bool = false, requestID: String? = nil
    ) async throws -> JSON {
        var body: JSONObject = [
            "kind": .string(kind),
            "products": [["code": "P1", "title": "Widget", "quantity": 1, "amount": .string(amount), "have_tax": .bool(haveTax)]],
        ]
        if let userID { body["user_id"] = .int(userID) }
        if let requestID { body["request_id"] = .string(requestID) }
        let answer = try await merchant("create", .object(body))
        guard answer.code == 0, let data = answer.data else {
            throw RawHTTP.Failure(description: "create failed: \(answer.text)")
        }
        return data
    }

    /// Creates and pays an invoice through `gateway` (stripe counts as real money; balance does not).
    func paidInvoice(userID: Int64, amount: String = "100.00", kind: String = "order", gateway: String = "stripe") async throws -> JSON {
        let invoice = try await createInvoice(userID: userID, amount: amount, kind: kind)
        let id = invoice["id"] ?? .null
        let total = invoice["payment"]?["subtotal"]?["total"] ?? .null
        let answer = try await merchant(
            "pay", ["id": id, "gateway": .string(gateway), "transaction_id": .string("tx-\(UUID().uuidString)"), "amount": total])
        guard answer.code == 0, let data = answer.data else {
            throw RawHTTP.Failure(description: "pay failed: \(answer.text)")
        }
        return data
    }

    /// Moves an invoice's payment time into the past (to test the eligibility windows).
    func setPaidAt(invoiceID: Int64, secondsAgo: Int64) async throws {
        let paidAt = Int64(Date().timeIntervalSince1970) - secondsAgo
        try await server.kernel.access.storage.write { db in
            try db.execute("UPDATE invoice_invoices SET paid_at = ? WHERE id = ?", paidAt, invoiceID)
        }
    }
}
