import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import TestSupport
import Testing

/// The hosted invoice page's actions: signed links, what the public page sees, PDFs, rotation.
@Suite struct HostedInvoiceTests {
    @Test func aSignedLinkShowsThePublicPartsOfItsInvoiceOnly() async throws {
        try await InvoiceFixture.with { fixture in
            let (userID, _) = try await fixture.server.user("guest")
            let invoice = try await fixture.merchant(
                "create",
                [
                    "user_id": .int(userID), "checkout_url": "https://pay.example.com/c/1", "webhooks": ["https://hooks.example.com/x"],
                    "customer_information": ["email": "guest@example.com", "ip": "203.0.113.9"],
                    "products": [["code": "A", "title": "Plan", "description": "Yearly", "quantity": 1, "amount": "159.00"]],
                ])
            let id = try #require(invoice.data?["id"])
            let link = try #require(try await fixture.merchant("link", ["id": id]).data?["link"]?.stringValue)
            #expect(link.hasPrefix("\(id.intValue ?? 0)-"))
            #expect(link.count == String(id.intValue ?? 0).count + 33)

            let view = try await fixture.server.call("invoice", "hosted", "view", ["link": .string(link)])
            #expect(view.code == 0, "\(view.text)")
            #expect(view.data?["total"] == "159.00")
            #expect(view.data?["status"] == "pending")
            #expect(view.data?["pay_url"] == "https://pay.example.com/c/1")
            #expect(view.data?["has_pdf"] == false)
            #expect(view.data?["products"]?.arrayValue?.first?["description"] == "Yearly")
            #expect(
                !view.text.contains("guest@example.com") && !view.text.contains("203.0.113.9") && !view.text.contains("hooks.example.com"))

            let pdf = try await fixture.server.call("invoice", "hosted", "pdf", ["link": .string(link)])
            #expect(pdf.code == -1, "an unpaid invoice has no PDF")
        }
    }

    @Test func aTamperedOrRotatedLinkAnswersNotFound() async throws {
        try await InvoiceFixture.with { fixture in
            let (userID, _) = try await fixture.server.user("guest")
            let first = try await fixture.paidInvoice(userID: userID)
            let second = try await fixture.paidInvoice(userID: userID)
            let link = try #require(try await fixture.merchant("link", ["id": first["id"] ?? .null]).data?["link"]?.stringValue)
            let signature = link.split(separator: "-")[1]
            let other = "\(second["id"]?.intValue ?? 0)-\(signature)"
            for wrong in [other, "\(first["id"]?.intValue ?? 0)-" + String(repeating: "0", count: 32), "abc", link + "0", ""] {
                let answer = try await fixture.server.call("invoice", "hosted", "view", ["link": .string(wrong)])
                #expect(answer.code != 0, "\(wrong)")
            }
            let pdf = try await fixture.server.call("invoice", "hosted", "pdf", ["link": .string(link), "download": 1])
            #expect(pdf.headers["content-type"] == "application/pdf")
            #expect(pdf.headers["content-disposition"]?.hasPrefix("attachment") == true)

            let root = try await fixture.server.admin("root")
            #expect(try await fixture.server.call("invoice", "hosted", "rotate", token: root, path: "/admin/plugins/index").code == 0)
            let stale = try await fixture.server.call("invoice", "hosted", "view", ["link": .string(link)])
            #expect(stale.code == -1)
            #expect(stale.msg == "not found")
            let fresh = try #require(try await fixture.merchant("link", ["id": first["id"] ?? .null]).data?["link"]?.stringValue)
            #expect(fresh != link)
            #expect(try await fixture.server.call("invoice", "hosted", "view", ["link": .string(fresh)]).code == 0)
        }
    }
}
