import Foundation
import Kernel
import PluginSDK
import Testing
import TestSupport

@testable import SchedulePlugin

@Suite("Schedule: attachments and sendAttachmentsAfterSuccessPayment")
struct ScheduleAttachmentTests {
    /// Uploads `bytes` as a multipart file part with the fixture's API key; answers the id.
    static func upload(_ fixture: ScheduleFixture, _ bytes: [UInt8], fileName: String, apiKey: String? = nil) async throws -> Int64 {
        let boundary = "b-\(UUID().uuidString)"
        let body =
            Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
            + bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        let answer = try await RawHTTP.send(
            port: fixture.server.port, target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=attachment&pluginsaction=upload",
            headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)"), ("X-Api-Key", apiKey ?? fixture.apiKey)], body: body)
        guard let id = answer.data?["id"]?.intValue else { throw RawHTTP.Failure(description: "upload: \(answer.text)") }
        return id
    }

    @Test func eachInvoiceOfAScheduleShowsItsAttachmentsOnTheHostedPageOnlyAfterPayment() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("F1")
            let bytes = Array("%PDF-1.4\nguide\n".utf8) + (0..<2_000).map { UInt8($0 % 251) }
            let id = try await Self.upload(fixture, bytes, fileName: "guide.pdf")
            var body = ScheduleFixture.body(customers: ["F1"], sendDate: "2026-01-01T09:00:00Z", count: 2).objectValue!
            body["attachments"] = [.string(String(id))]
            body["sendAttachmentsAfterSuccessPayment"] = true
            let created = try await fixture.ok("merchant", "create", .object(body))
            #expect(created["request"]?["attachments"] == [.string(String(id))])

            let report = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-02-01T09:00:01Z"))
            #expect(report.invoices == 2)
            let invoiceIDs = try await fixture.server.kernel.access.storage.read { db in
                try db.query("SELECT id FROM invoice_invoices ORDER BY id").compactMap { $0.int64("id") }
            }
            #expect(invoiceIDs.count == 2)
            let merchant = [("X-Api-Key", fixture.apiKey)]
            for invoiceID in invoiceIDs {
                let view = try await fixture.server.call("invoice", "merchant", "view", ["id": .int(invoiceID)], headers: merchant)
                #expect(view.data?["attachments"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [id])
                #expect(view.data?["send_attachments_after_payment"] == true)
            }
            let first = invoiceIDs[0]
            let link = try #require(
                try await fixture.server.call("invoice", "merchant", "link", ["id": .int(first)], headers: merchant).data?["link"]?.stringValue)
            let unpaid = try await RawHTTP.send(port: fixture.server.port, method: "GET", target: "/i/\(link)")
            #expect(unpaid.text.contains("1 file(s) will be available here once the invoice is paid."))
            #expect(!unpaid.text.contains("guide.pdf"))
            let total = try #require(
                try await fixture.server.call("invoice", "merchant", "view", ["id": .int(first)], headers: merchant).data?["payment"]?["subtotal"]?["total"])
            let paid = try await fixture.server.call(
                "invoice", "merchant", "pay", ["id": .int(first), "gateway": "stripe", "transaction_id": "tx-sched", "amount": total], headers: merchant)
            #expect(paid.code == 0, "\(paid.text)")
            let page = try await RawHTTP.send(port: fixture.server.port, method: "GET", target: "/i/\(link)")
            #expect(page.text.contains("guide.pdf"))
            let file = try await RawHTTP.send(port: fixture.server.port, method: "GET", target: "/i/\(link)/attachments/\(id)")
            #expect(file.status == 200)
            #expect(file.body == bytes)
        }
    }

    @Test func anUnknownOrOtherStoresAttachmentIsRefusedAtCreationNamingIt() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("F2")
            let accounts = fixture.server.kernel.access.accounts
            let other = try await accounts.createStore(name: "Other shop")
            let otherKey = try await accounts.createAPIKey(storeID: other.id, scopes: ["invoices"]).key
            let theirs = try await Self.upload(fixture, Array("%PDF-1.4\n".utf8), fileName: "x.pdf", apiKey: otherKey)
            var body = ScheduleFixture.body(customers: ["F2"], sendDate: "2026-01-01T09:00:00Z").objectValue!
            body["attachments"] = [.string(String(theirs)), "xxx"]
            let answer = try await fixture.call("merchant", "create", .object(body))
            #expect(answer.code == -1)
            #expect(answer.msg == "attachments: unknown attachment(s) \(theirs), xxx")
            body["attachments"] = []
            body["sendAttachmentsAfterSuccessPayment"] = "maybe"
            #expect(try await fixture.call("merchant", "create", .object(body)).msg?.contains("sendAttachmentsAfterSuccessPayment") == true)
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_schedules") == 0)
        }
    }

    @Test func anAttachmentDeletedAfterTheScheduleWasMadeIsLeftOutOfItsLaterInvoices() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("F3")
            let kept = try await Self.upload(fixture, Array("kept".utf8), fileName: "kept.txt")
            let gone = try await Self.upload(fixture, Array("gone".utf8), fileName: "gone.txt")
            var body = ScheduleFixture.body(customers: ["F3"], sendDate: "2026-01-01T09:00:00Z", count: 1).objectValue!
            body["attachments"] = [.int(kept), .int(gone)]
            try await fixture.ok("merchant", "create", .object(body))
            let deleted = try await fixture.server.call(
                "invoice", "attachment", "delete", ["id": .int(gone)], headers: [("X-Api-Key", fixture.apiKey)])
            #expect(deleted.code == 0, "no invoice lists it yet")
            #expect(try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-01-01T09:00:01Z")).invoices == 1)
            #expect(try await fixture.count("SELECT COUNT(*) FROM invoice_invoice_attachments") == 1)
            #expect(try await fixture.count("SELECT attachment_id FROM invoice_invoice_attachments") == kept)
        }
    }

    @Test func aCopiedInvoiceKeepsItsAttachmentsAndTheirFlag() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("F4")
            let id = try await Self.upload(fixture, Array("%PDF-1.4\ncopy".utf8), fileName: "copy.pdf")
            let merchant = [("X-Api-Key", fixture.apiKey)]
            let original = try await fixture.server.call(
                "invoice", "merchant", "create",
                ["products": [["title": "Consulting", "amount": "40.00"]], "attachments": [.int(id)], "send_attachments_after_payment": true],
                headers: merchant)
            let number = try #require(original.data?["number"]?.stringValue)
            let copy = try await fixture.server.call(
                "copy", "merchant", "copy", ["Code": .string(number), "SendDate": "2026-12-02T08:00:00Z", "CustomerCodes": ["F4"]], headers: merchant)
            #expect(copy.code == 0, "\(copy.text)")
            #expect(try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-02T08:00:01Z")).invoices == 1)
            #expect(try await fixture.count("SELECT COUNT(*) FROM invoice_invoice_attachments WHERE attachment_id = ? AND after_payment = 1", id) == 2)
        }
    }
}
