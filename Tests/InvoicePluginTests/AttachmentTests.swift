import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import TestSupport
import Testing

/// Attachments over real HTTP: multipart uploads, types read from the bytes, the per-file and
/// per-store limits, store isolation, and what an invoice's customer gets before and after paying.
@Suite struct AttachmentTests {
    /// A PDF of `size` bytes (a PDF header, then varied bytes).
    static func pdf(size: Int) -> [UInt8] {
        var bytes = Array("%PDF-1.7\n".utf8)
        while bytes.count < size { bytes.append(UInt8(truncatingIfNeeded: bytes.count &* 31 &+ 7)) }
        return bytes
    }

    /// Uploads `bytes` as the multipart file part `file` with the API key `key`.
    static func upload(
        _ fixture: InvoiceFixture, _ bytes: [UInt8], fileName: String = "terms.pdf", contentType: String = "application/pdf",
        name: String? = nil, key: String? = nil, query: String = ""
    ) async throws -> HTTPResult {
        let boundary = "attachment-\(UUID().uuidString)"
        var body: [UInt8] = []
        if let name {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n\(name)\r\n".utf8)
        }
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return try await RawHTTP.send(
            port: fixture.server.port,
            target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=attachment&pluginsaction=upload" + (query.isEmpty ? "" : "&" + query),
            headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)"), ("X-Api-Key", key ?? fixture.apiKey)], body: body)
    }

    static func attachment(_ fixture: InvoiceFixture, _ action: String, _ body: JSON, key: String? = nil) async throws -> HTTPResult {
        try await fixture.server.call("invoice", "attachment", action, body, headers: [("X-Api-Key", key ?? fixture.apiKey)])
    }

    static func storedCount(_ fixture: InvoiceFixture) async throws -> Int64 {
        try await fixture.server.kernel.access.storage.read { db in
            try db.queryOne("SELECT COUNT(*) AS n FROM invoice_attachments")?.int64("n") ?? 0
        }
    }

    @Test func aPDFUploadedAsMultipartIsListedAndDownloadsByteForByte() async throws {
        try await InvoiceFixture.with { fixture in
            let bytes = Self.pdf(size: 300_000)
            let uploaded = try await Self.upload(fixture, bytes, fileName: "C:\\docs\\Terms 2026.pdf", name: nil)
            #expect(uploaded.code == 0, "\(uploaded.text)")
            let id = try #require(uploaded.data?["id"]?.intValue)
            #expect(uploaded.data?["name"] == "Terms 2026.pdf", "folders are dropped from the file's own name")
            #expect(uploaded.data?["content_type"] == "application/pdf")
            #expect(uploaded.data?["size"] == .int(300_000))
            #expect(uploaded.data?["sha256"]?.stringValue?.count == 64)

            let list = try await Self.attachment(fixture, "list", [:])
            #expect(list.data?["total"] == 1)
            #expect(list.data?["items"]?.arrayValue?.first?["id"] == .int(id))
            #expect(list.data?["usage"]?["bytes"] == .int(300_000))
            #expect(list.data?["usage"]?["max_file_bytes"] == .int(512 << 10))
            #expect(!list.text.contains("base64"), "lists never carry the bytes")

            let download = try await Self.attachment(fixture, "download", ["id": .int(id)])
            #expect(download.status == 200)
            #expect(download.headers["content-type"] == "application/pdf")
            #expect(download.headers["content-disposition"] == "attachment; filename=\"Terms_2026.pdf\"")
            #expect(download.body == bytes)
        }
    }

    @Test func theTypeIsReadFromTheBytesNeverFromTheDeclaredContentType() async throws {
        try await InvoiceFixture.with { fixture in
            let disguised = try await Self.upload(fixture, [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00], fileName: "invoice.pdf")
            #expect(disguised.code == -5000, "\(disguised.text)")
            #expect(disguised.msg == "file must be a PDF, a PNG or JPEG picture, or UTF-8 text (application/pdf was declared, the content decides)")
            let inChinese = try await Self.upload(fixture, Array("MZ\u{0}\u{1}".utf8), fileName: "a.pdf", query: "lang=zh")
            #expect(inChinese.msg?.hasPrefix("文件必须是 PDF") == true, "\(inChinese.text)")
            let inPersian = try await Self.upload(fixture, [], fileName: "a.pdf", query: "lang=fa")
            #expect(inPersian.msg == "فایل خالی است")

            let picture = try await Self.upload(fixture, TestPNG.make(width: 2, height: 2), fileName: "logo.txt", contentType: "text/plain")
            #expect(picture.data?["content_type"] == "image/png")
            let jpeg = try await Self.upload(fixture, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], fileName: "photo", contentType: "application/octet-stream")
            #expect(jpeg.data?["content_type"] == "image/jpeg")
            #expect(jpeg.data?["name"] == "photo")
            let text = try await Self.upload(
                fixture, Array("شرایط و قوانین\r\nTerms\tand conditions\n".utf8), fileName: "terms.bin", contentType: "application/pdf",
                name: "شرایط.txt")
            #expect(text.data?["content_type"] == "text/plain; charset=utf-8")
            #expect(text.data?["name"] == "شرایط.txt")
            #expect(try await Self.storedCount(fixture) == 3)
        }
    }

    @Test func uploadsOverTheFileOrStoreLimitsAreRefusedAndNothingIsStored() async throws {
        try await InvoiceFixture.with { fixture in
            let access = fixture.server.kernel.access
            try await access.registry.saveConfig(
                "invoice", changes: ["attachment_max_bytes": 1_000, "attachment_store_max_count": 2, "attachment_store_max_bytes": 1_500],
                clock: access.clock)
            let tooLarge = try await Self.upload(fixture, Self.pdf(size: 1_001))
            #expect(tooLarge.code == -5000)
            #expect(tooLarge.msg == "file is 1001 bytes; an attachment may have at most 1000")
            #expect(try await Self.upload(fixture, Self.pdf(size: 800)).code == 0)
            let overTotal = try await Self.upload(fixture, Self.pdf(size: 800))
            #expect(overTotal.code == -1)
            #expect(overTotal.msg == "the store's attachments would take 1600 bytes, over its 1500: delete some first")
            #expect(try await Self.upload(fixture, Self.pdf(size: 100)).code == 0)
            let overCount = try await Self.upload(fixture, Self.pdf(size: 10))
            #expect(overCount.msg == "the store already has 2 attachments, the most it may keep: delete one first")
            #expect(try await Self.storedCount(fixture) == 2)
        }
    }

    @Test func anotherStoresAttachmentIsUnknownToInvoicesAndDownloads() async throws {
        try await InvoiceFixture.with { fixture in
            let accounts = fixture.server.kernel.access.accounts
            let other = try await accounts.createStore(name: "Other shop")
            let otherKey = try await accounts.createAPIKey(storeID: other.id, scopes: ["invoices"]).key
            let theirs = try #require(try await Self.upload(fixture, Self.pdf(size: 500), key: otherKey).data?["id"]?.intValue)
            let invoice = try await fixture.merchant(
                "create", ["products": [["title": "Plan", "amount": "10.00"]], "attachments": [.int(theirs), 999]])
            #expect(invoice.code == -1)
            #expect(invoice.msg == "attachments: unknown attachment(s) \(theirs), 999")
            #expect(try await Self.attachment(fixture, "download", ["id": .int(theirs)]).code == -1)
            #expect(try await Self.attachment(fixture, "delete", ["id": .int(theirs)]).code == -1)
            #expect(try await Self.attachment(fixture, "list", [:]).data?["total"] == 0)
            let count = try await fixture.server.kernel.access.storage.read { db in
                try db.queryOne("SELECT COUNT(*) AS n FROM invoice_invoices")?.int64("n") ?? -1
            }
            #expect(count == 0, "a refused invoice writes nothing")
        }
    }

    @Test func aCustomerGetsTheAttachmentsOnlyOnceTheInvoiceIsPaidWhenItSaysSo() async throws {
        try await InvoiceFixture.with { fixture in
            let bytes = Self.pdf(size: 4_000)
            let id = try #require(try await Self.upload(fixture, bytes, name: "Licence.pdf").data?["id"]?.intValue)
            let created = try await fixture.merchant(
                "create",
                [
                    "products": [["title": "Plan", "amount": "10.00"]], "attachments": .string("\(id)"),
                    "send_attachments_after_payment": true,
                ])
            #expect(created.code == 0, "\(created.text)")
            #expect(created.data?["attachments"]?.arrayValue?.first?["name"] == "Licence.pdf")
            #expect(created.data?["send_attachments_after_payment"] == true)
            let invoiceID = try #require(created.data?["id"])
            #expect(try await fixture.merchant("view", ["id": invoiceID]).data?["attachments"]?.arrayValue?.count == 1)
            #expect(try await fixture.merchant("list").data?["data"]?.arrayValue?.first?["attachments"] == nil, "lists leave attachments out")
            let deleted = try await Self.attachment(fixture, "delete", ["id": .int(id)])
            #expect(deleted.code == -101, "\(deleted.text)")

            let link = try #require(try await fixture.merchant("link", ["id": invoiceID]).data?["link"]?.stringValue)
            let before = try await fixture.server.call("invoice", "hosted", "view", ["link": .string(link)])
            #expect(before.data?["attachments"] == [])
            #expect(before.data?["attachments_after_payment"] == 1)
            let early = try await fixture.server.call("invoice", "hosted", "attachment", ["link": .string(link), "id": .int(id)])
            #expect(early.msg == "this attachment is available once the invoice is paid")
            let page = try await RawHTTP.send(port: fixture.server.port, method: "GET", target: "/i/\(link)")
            #expect(page.text.contains("1 file(s) will be available here once the invoice is paid."))
            #expect(!page.text.contains("/attachments/"))

            let paid = try await fixture.merchant(
                "pay", ["id": invoiceID, "gateway": "stripe", "transaction_id": "tx-attachment", "amount": "10.00"])
            #expect(paid.code == 0, "\(paid.text)")
            let after = try await fixture.server.call("invoice", "hosted", "view", ["link": .string(link)])
            #expect(after.data?["attachments"]?.arrayValue?.first?["name"] == "Licence.pdf")
            #expect(after.data?["attachments_after_payment"] == 0)
            let file = try await RawHTTP.send(port: fixture.server.port, method: "GET", target: "/i/\(link)/attachments/\(id)")
            #expect(file.status == 200)
            #expect(file.headers["content-type"] == "application/pdf")
            #expect(file.body == bytes)
            let paidPage = try await RawHTTP.send(port: fixture.server.port, method: "GET", target: "/i/\(link)")
            #expect(paidPage.text.contains("href=\"/i/\(link)/attachments/\(id)\""))
            let other = try await RawHTTP.send(port: fixture.server.port, method: "GET", target: "/i/\(link)/attachments/\(id + 1)")
            #expect(other.status == 404, "only what the invoice lists")
        }
    }

    @Test func anUpdateReplacesAPendingInvoicesAttachmentsAndShowsThemAtOnceWithoutTheFlag() async throws {
        try await InvoiceFixture.with { fixture in
            let first = try #require(try await Self.upload(fixture, Self.pdf(size: 100)).data?["id"]?.intValue)
            let second = try #require(try await Self.upload(fixture, Array("hello".utf8), fileName: "hello.txt").data?["id"]?.intValue)
            let created = try await fixture.merchant("create", ["products": [["title": "Plan", "amount": "10.00"]], "attachments": [.int(first)]])
            let invoiceID = try #require(created.data?["id"])
            let updated = try await fixture.merchant("update", ["id": invoiceID, "attachments": [.int(second), .int(first)]])
            #expect(updated.data?["attachments"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [second, first])
            #expect(updated.data?["send_attachments_after_payment"] == false)
            let link = try #require(try await fixture.merchant("link", ["id": invoiceID]).data?["link"]?.stringValue)
            let text = try await fixture.server.call("invoice", "hosted", "attachment", ["link": .string(link), "id": .int(second)])
            #expect(text.headers["content-type"] == "text/plain; charset=utf-8")
            #expect(text.text == "hello")
            #expect(try await Self.attachment(fixture, "delete", ["id": .int(first)]).code == -101)
            _ = try await fixture.merchant("update", ["id": invoiceID, "attachments": [.int(second)]])
            #expect(try await Self.attachment(fixture, "delete", ["id": .int(first)]).code == 0)
            #expect(try await Self.storedCount(fixture) == 1)
        }
    }
}
