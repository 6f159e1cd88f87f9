import Foundation
import Kernel
import Outbox
import PluginSDK
import Storage
import Testing
import TestSupport

@Suite("Outbox: SMS gateway and SMTP")
struct SMSAndEmailTests {
    @Test func smsGoesToTheGatewayWithItsAuthHeaderAndTemplate() async throws {
        try await SinkProcess.with(script: "http_sink.py") { sink in
            try await OutboxHarness.with { harness in
                let settings = SMSGatewayChannel.Settings(
                    url: "http://127.0.0.1:\(sink.port)/send", authHeader: "Authorization", authValue: "Bearer gw-key",
                    bodyTemplate: #"{"receptor":"{to}","message":"{text}","sender":"3000"}"#)
                let text = "فاکتور \"INV-7\" سررسید شد\npay: https://x.test/p?a=1&b=2"
                let eventID = try #require(try await harness.enqueue(.sms(storeID: 1, phone: "+989121234567", topic: "invoice.reminder", text: text)))
                let worker = harness.worker([.sms: SMSGatewayChannel(settings: settings)])
                #expect(try await worker.runOnce() == 1)
                let records = try await sink.waitForRecords(1)
                let request = try #require(records.first)
                #expect(request["path"]?.stringValue == "/send")
                #expect(request["headers"]?["authorization"]?.stringValue == "Bearer gw-key")
                let body = try JSON.parse(Array((request["body"]?.stringValue ?? "").utf8))
                #expect(body["receptor"]?.stringValue == "+989121234567")
                #expect(body["message"]?.stringValue == text, "quotes, newlines and Persian survive the template")
                #expect(body["sender"]?.stringValue == "3000")
                #expect(try await harness.row(eventID)?.string("status") == "delivered")
            }
        }
    }

    @Test func formTemplatePercentEncodesItsValues() {
        let channel = SMSGatewayChannel(
            settings: .init(url: "http://x.test", bodyTemplate: "to={to}&text={text}", contentType: "application/x-www-form-urlencoded"))
        #expect(channel.body(to: "+98 912", text: "a&b=سلام") == "to=%2B98%20912&text=a%26b%3D%D8%B3%D9%84%D8%A7%D9%85")
    }

    @Test func unconfiguredChannelKeepsTheMessageForLater() async throws {
        try await OutboxHarness.with { harness in
            let eventID = try #require(try await harness.enqueue(.sms(storeID: 1, phone: "+1555", topic: "t", text: "x")))
            let worker = harness.worker([.webhook: WebhookChannel()])
            #expect(try await worker.runOnce() == 1)
            let row = try #require(try await harness.row(eventID))
            #expect(row.string("status") == "pending")
            #expect(row.string("last_error")?.contains("not configured") == true)
        }
    }

    @Test func emailArrivesAtARealSMTPServerInUTF8() async throws {
        try await SinkProcess.with(script: "smtp_sink.py") { sink in
            try await OutboxHarness.with { harness in
                let settings = SMTPChannel.Settings(host: "127.0.0.1", port: sink.port, from: "billing@shop.test")
                let body = "سلام علی،\n您的发票 INV-7 金额 1,200.00\n.\nline after a lone dot"
                let eventID = try #require(
                    try await harness.enqueue(
                        .email(storeID: 1, address: "ali@example.com", topic: "invoice.reminder", subject: "یادآوری فاکتور INV-7", body: body)))
                let worker = harness.worker([.email: SMTPChannel(settings: settings)])
                #expect(try await worker.runOnce() == 1)
                let records = try await sink.waitForRecords(1)
                let mail = try #require(records.first)
                #expect(mail["mail_from"]?.stringValue == "billing@shop.test")
                #expect(mail["rcpt_tos"] == ["ali@example.com"])
                let data = mail["data"]?.stringValue ?? ""
                let parts = data.components(separatedBy: "\r\n\r\n")
                let headers = parts.first ?? ""
                #expect(headers.contains("X-Event-Id: \(eventID)"))
                let subjectLine = headers.split(separator: "\r\n").first { $0.hasPrefix("Subject: ") } ?? ""
                let encoded = subjectLine.dropFirst("Subject: =?UTF-8?B?".count).dropLast(2)
                #expect(String(decoding: Data(base64Encoded: String(encoded)) ?? Data(), as: UTF8.self) == "یادآوری فاکتور INV-7")
                let bodyBase64 = parts.dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
                #expect(String(decoding: Data(base64Encoded: bodyBase64) ?? Data(), as: UTF8.self) == body)
                #expect(try await harness.row(eventID)?.string("status") == "delivered")
            }
        }
    }

    @Test func smtpRefusalIsAFailedAttempt() async throws {
        try await OutboxHarness.with { harness in
            let settings = SMTPChannel.Settings(host: "127.0.0.1", port: 9, from: "billing@shop.test", timeoutSeconds: 2)
            let eventID = try #require(try await harness.enqueue(.email(storeID: 1, address: "a@b.test", topic: "t", subject: "s", body: "b")))
            let worker = harness.worker([.email: SMTPChannel(settings: settings)])
            #expect(try await worker.runOnce() == 1)
            let row = try #require(try await harness.row(eventID))
            #expect(row.string("status") == "pending")
            #expect(row.int64("attempts") == 1)
        }
    }
}
