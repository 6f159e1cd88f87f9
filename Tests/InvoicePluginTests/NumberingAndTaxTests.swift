import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct NumberingAndTaxTests {
    @Test func fiftyConcurrentCreatesGetGaplessUniqueNumbers() async throws {
        try await InvoiceFixture.with { fixture in
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await fixture.createInvoice(userID: nil)["number"]?.stringValue ?? "" }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let sequences = numbers.compactMap { Int($0.suffix(6)) }.sorted()
            #expect(sequences == Array(1...50))
            #expect(Set(numbers).count == 50)
        }
    }

    @Test func numberingContinuesAcrossRestarts() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for round in 1...2 {
            try await TestServer.with(plugins: [InvoicePlugin()], dataDir: folder) { server in
                let key = try await server.kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["invoices"]).key
                let answer = try await server.call(
                    "invoice", "merchant", "create", ["products": [["title": "x", "amount": "1"]]], headers: [("X-Api-Key", key)])
                #expect(answer.data?["number"]?.stringValue?.hasSuffix("00000\(round)") == true)
            }
        }
    }

    @Test func twentyConcurrentRetriesOfOneIdempotencyKeyMakeOneInvoice() async throws {
        try await InvoiceFixture.with { fixture in
            let ids = try await withThrowingTaskGroup(of: JSON?.self) { group in
                for attempt in 0..<20 {
                    group.addTask {
                        if attempt % 2 == 0 {
                            return try await fixture.createInvoice(userID: nil, requestID: "order-77")["id"]
                        }
                        let sameParameters: JSON = [
                            "kind": "order", "products": [["code": "P1", "title": "Widget", "quantity": 1, "amount": "100.00", "have_tax": false]],
                        ]
                        let answer = try await fixture.merchant("create", sameParameters, headers: [("Idempotency-Key", "order-77")])
                        return answer.data?["id"]
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(ids.compactMap { $0?.intValue }).count == 1)
            let count = try await fixture.server.kernel.access.storage.read { db in try db.scalar("SELECT COUNT(*) FROM invoice_invoices").int }
            #expect(count == 1)
        }
    }

    @Test func exclusiveTaxIsAddedPerLineRoundedHalfUp() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let saved = try await fixture.server.call(
                "invoice", "settings", "save", ["tax_rate_bp": 1300, "tax_inclusive": false, "currency": "USD"], token: admin)
            #expect(saved.code == 0)
            let answer = try await fixture.merchant("create", [
                "products": [
                    ["title": "A", "amount": "10.00", "quantity": 3, "have_tax": true, "discount_type": 0, "discount_amount": "10"],
                    ["title": "B", "amount": "0.05", "quantity": 1, "have_tax": true],
                    ["title": "C", "amount": "1.00", "quantity": 1, "have_tax": false],
                ],
            ])
            let invoice = try #require(answer.data)
            let lines = invoice["products"]?.arrayValue ?? []
            #expect(lines.map { $0["vat"] } == ["3.51", "0.01", "0.00"])
            #expect(lines.map { $0["total"] } == ["30.51", "0.06", "1.00"])
            #expect(invoice["payment"]?["subtotal"]?["vat"] == "3.52")
            #expect(invoice["payment"]?["subtotal"]?["total"] == "31.57")
        }
    }

    @Test func inclusiveTaxIsExtractedFromThePrice() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            _ = try await fixture.server.call("invoice", "settings", "save", ["tax_rate_bp": 1300, "tax_inclusive": true], token: admin)
            let answer = try await fixture.merchant("create", [
                "products": [
                    ["title": "A", "amount": "113.00", "have_tax": true],
                    ["title": "B", "amount": "10.00", "have_tax": true],
                ],
            ])
            let invoice = try #require(answer.data)
            #expect(invoice["products"]?.arrayValue?.map { $0["vat"] } == ["13.00", "1.15"])
            #expect(invoice["payment"]?["subtotal"]?["vat"] == "14.15")
            #expect(invoice["payment"]?["subtotal"]?["total"] == "123.00")
        }
    }

    @Test func aCustomPatternWithoutYearlyResetIsUsed() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let bad = try await fixture.server.call("invoice", "settings", "save", ["number_pattern": "NO-SEQUENCE"], token: admin)
            #expect(bad.code == -5000)
            _ = try await fixture.server.call(
                "invoice", "settings", "save", ["number_pattern": "S1-{SEQ:4}", "yearly_reset": false], token: admin)
            let invoice = try await fixture.createInvoice(userID: nil)
            #expect(invoice["number"] == "S1-0001")
        }
    }
}
