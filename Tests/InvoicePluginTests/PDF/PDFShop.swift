import Contracts
import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport

/// A store set up for printing: a name, an address, 13% VAT on top, USD, and an admin.
struct PDFShop: Sendable {
    let fixture: InvoiceFixture
    let adminToken: String

    /// What a test needs of a paid invoice.
    struct Paid: Sendable {
        let id: Int64
        let number: String
        let transaction: String
    }

    static func with(
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in }, _ body: @Sendable (PDFShop) async throws -> Void
    ) async throws {
        try await InvoiceFixture.with(configure: configure) { fixture in
            let admin = try await fixture.server.admin("boss")
            let saved = try await fixture.admin(
                "settings", "save",
                [
                    "store_name": "Example Trading Ltd", "store_address": "12 Harbour Road, Wan Chai, Hong Kong",
                    "currency": "USD", "tax_rate_bp": 1300, "tax_inclusive": false,
                ], token: admin)
            guard saved.code == 0 else { throw RawHTTP.Failure(description: "settings: \(saved.text)") }
            try await body(PDFShop(fixture: fixture, adminToken: admin))
        }
    }

    /// Creates an unpaid invoice of `products` for `userID`, with any further merchant fields
    /// (`customer_information`, `expires_at`, `checkout_url`); returns its id and number.
    func unpaid(userID: Int64, products: JSON, _ fields: JSONObject = [:]) async throws -> (id: Int64, number: String, total: JSON) {
        var body = fields
        body["user_id"] = .int(userID)
        body["products"] = products
        let created = try await fixture.merchant("create", .object(body))
        guard created.code == 0, let data = created.data, let id = data["id"]?.intValue, let number = data["number"]?.stringValue
        else { throw RawHTTP.Failure(description: "create: \(created.text)") }
        return (id, number, data["payment"]?["subtotal"]?["total"] ?? .null)
    }

    /// Creates an invoice of `products` for `userID` (with any further merchant fields) and pays
    /// it through Stripe.
    func paid(userID: Int64, products: JSON, _ fields: JSONObject = [:]) async throws -> Paid {
        let (id, number, total) = try await unpaid(userID: userID, products: products, fields)
        let transaction = "pi_\(UUID().uuidString.prefix(12))"
        let paid = try await fixture.merchant(
            "pay", ["id": .int(id), "gateway": "stripe", "transaction_id": .string(transaction), "amount": total])
        guard paid.code == 0 else { throw RawHTTP.Failure(description: "pay: \(paid.text)") }
        return Paid(id: id, number: number, transaction: transaction)
    }

    /// Sets the plugin's PDF cache budget (0 renders every time).
    func setCacheBytes(_ bytes: Int64) async throws {
        let access = fixture.server.kernel.access
        try await access.registry.saveConfig("invoice", changes: ["pdf_cache_bytes": .int(bytes)], clock: access.clock)
    }

    /// Invoices stored, to prove a refused request wrote nothing.
    func invoiceCount() async throws -> Int64 {
        try await fixture.server.kernel.access.storage.read { db in
            try db.queryOne("SELECT COUNT(*) AS n FROM invoice_invoices")?.int64("n") ?? 0
        }
    }
}
