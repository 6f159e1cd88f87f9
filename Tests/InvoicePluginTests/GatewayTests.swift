import Contracts
import Crypto
import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct GatewayTests {
    static let stripeSecret = "whsec_test_0123456789"
    static let paypalSecret = "paypal-shared-secret"

    /// A fixture whose store has both webhook secrets set.
    static func withGateways(_ body: @Sendable (InvoiceFixture) async throws -> Void) async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let saved = try await fixture.server.call(
                "invoice", "settings", "save",
                ["stripe_webhook_secret": .string(stripeSecret), "paypal_webhook_secret": .string(paypalSecret)], token: admin)
            #expect(saved.data?["settings"]?["stripe_webhook_secret"] == true)
            try await body(fixture)
        }
    }

    /// Posts a Stripe event signed with `secret` at `timestamp`.
    static func stripe(_ fixture: InvoiceFixture, _ event: JSON, secret: String = stripeSecret, timestamp: Int64? = nil,
        signature: String? = nil) async throws -> HTTPResult
    {
        let body = event.serialized()
        let time = timestamp ?? Int64(Date().timeIntervalSince1970)
        let header = signature ?? sign(body, secret: secret, timestamp: time)
        return try await RawHTTP.send(
            port: fixture.server.port, target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=gateway&pluginsaction=stripe&store_id=1",
            headers: [("Content-Type", "application/json"), ("Stripe-Signature", header)], body: body)
    }

    /// Stripe's scheme, computed independently of the server's code.
    static func sign(_ body: [UInt8], secret: String, timestamp: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("\(timestamp).".utf8) + Data(body), using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    static func checkoutCompleted(id: String, invoiceID: JSON, amount: Int64, currency: String = "cny") -> JSON {
        [
            "id": .string(id), "type": "checkout.session.completed",
            "data": ["object": [
                "id": "cs_test_1", "payment_intent": "pi_test_1", "payment_status": "paid", "amount_total": .int(amount),
                "currency": .string(currency), "client_reference_id": invoiceID,
            ]],
        ]
    }

    static func status(_ fixture: InvoiceFixture, _ id: JSON) async throws -> String? {
        try await fixture.merchant("view", ["id": id]).data?["status"]?["status"]?.stringValue
    }

    @Test func aValidStripeEventPaysTheInvoiceAndEmitsInvoicePaid() async throws {
        try await Self.withGateways { fixture in
            let paidEvents = EventLog()
            fixture.server.kernel.access.services(for: "test").hooks.onCommitted(InvoiceEvents.paid, name: "recorder") { event in
                await paidEvents.append(event.payload["number"]?.stringValue ?? "")
            }
            let invoice = try await fixture.createInvoice(userID: nil, amount: "42.50")
            let answer = try await Self.stripe(fixture, Self.checkoutCompleted(id: "evt_1", invoiceID: invoice["id"]!, amount: 4250))
            #expect(answer.code == 0, "\(answer.text)")
            #expect(answer.data?["handled"] == true)
            #expect(try await Self.status(fixture, invoice["id"]!) == "paid")
            let view = try await fixture.merchant("view", ["id": invoice["id"]!])
            #expect(view.data?["payment"]?["gateway"]?["type"] == "stripe")
            #expect(view.data?["payment"]?["gateway"]?["transaction_id"] == "pi_test_1")
            #expect(await paidEvents.items == [invoice["number"]?.stringValue ?? "?"])
        }
    }

    @Test func wrongSecretStaleTimestampMissingOrForgedSignaturesChangeNothing() async throws {
        try await Self.withGateways { fixture in
            let invoice = try await fixture.createInvoice(userID: nil, amount: "10.00")
            let event = Self.checkoutCompleted(id: "evt_bad", invoiceID: invoice["id"]!, amount: 1000)
            let now = Int64(Date().timeIntervalSince1970)
            let attempts = [
                try await Self.stripe(fixture, event, secret: "whsec_wrong"),
                try await Self.stripe(fixture, event, timestamp: now - 400),
                try await Self.stripe(fixture, event, timestamp: now + 400),
                try await Self.stripe(fixture, event, signature: ""),
                try await Self.stripe(fixture, event, signature: "t=\(now),v1=" + String(repeating: "0", count: 64)),
                try await Self.stripe(fixture, event, signature: "v1=abc"),
            ]
            for answer in attempts {
                #expect(answer.code == -1)
                #expect(answer.msg == "invalid or missing signature")
            }
            #expect(try await Self.status(fixture, invoice["id"]!) == "pending")
        }
    }

    @Test func aReplayedEventChangesNothing() async throws {
        try await Self.withGateways { fixture in
            let invoice = try await fixture.createInvoice(userID: nil, amount: "10.00")
            let paid = Self.checkoutCompleted(id: "evt_pay", invoiceID: invoice["id"]!, amount: 1000)
            #expect(try await Self.stripe(fixture, paid).data?["handled"] == true)
            let refund: JSON = [
                "id": "evt_refund", "type": "charge.refunded",
                "data": ["object": ["id": "ch_1", "payment_intent": "pi_test_1", "amount_refunded": 400, "currency": "cny"]],
            ]
            let first = try await Self.stripe(fixture, refund)
            #expect(first.data?["invoice"]?["payment"]?["refunded"] == "4.00")
            let replay = try await Self.stripe(fixture, refund)
            #expect(replay.code == 0)
            #expect(replay.data?["handled"] == false)
            let replayedPayment = try await Self.stripe(fixture, paid)
            #expect(replayedPayment.data?["handled"] == false)
            let view = try await fixture.merchant("view", ["id": invoice["id"]!])
            #expect(view.data?["payment"]?["refunded"] == "4.00")
            #expect(view.data?["status"]?["status"] == "partially_refunded")
            #expect(view.data?["status"]?["history"]?.arrayValue?.count == 3)
        }
    }

    @Test func theSamePaymentAsTwoEventTypesIsRecordedOnce() async throws {
        try await Self.withGateways { fixture in
            let invoice = try await fixture.createInvoice(userID: nil, amount: "10.00")
            _ = try await Self.stripe(fixture, Self.checkoutCompleted(id: "evt_a", invoiceID: invoice["id"]!, amount: 1000))
            let intent: JSON = [
                "id": "evt_b", "type": "payment_intent.succeeded",
                "data": ["object": ["id": "pi_test_1", "amount_received": 1000, "currency": "cny", "metadata": ["invoice_id": invoice["id"]!]]],
            ]
            let second = try await Self.stripe(fixture, intent)
            #expect(second.code == 0)
            #expect(second.data?["handled"] == false)
        }
    }

    @Test func aMismatchedAmountIsRefusedAndNotRecorded() async throws {
        try await Self.withGateways { fixture in
            let invoice = try await fixture.createInvoice(userID: nil, amount: "10.00")
            let answer = try await Self.stripe(fixture, Self.checkoutCompleted(id: "evt_short", invoiceID: invoice["id"]!, amount: 999))
            #expect(answer.code == -1)
            #expect(try await Self.status(fixture, invoice["id"]!) == "pending")
            let recorded = try await fixture.server.kernel.access.storage.read { db in
                try db.scalar("SELECT COUNT(*) FROM invoice_gateway_events").int
            }
            #expect(recorded == 0)
        }
    }

    @Test func aStoreWithoutASecretRefusesEvents() async throws {
        try await InvoiceFixture.with { fixture in
            let invoice = try await fixture.createInvoice(userID: nil)
            let answer = try await Self.stripe(fixture, Self.checkoutCompleted(id: "evt_x", invoiceID: invoice["id"]!, amount: 10000))
            #expect(answer.code == -1)
            #expect(answer.msg == "this gateway is not configured for the store")
        }
    }

    @Test func aSignedPayPalCaptureAndRefundAreApplied() async throws {
        try await Self.withGateways { fixture in
            let invoice = try await fixture.createInvoice(userID: nil, amount: "25.00")
            func post(_ event: JSON) async throws -> HTTPResult {
                let body = event.serialized()
                return try await RawHTTP.send(
                    port: fixture.server.port, target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=gateway&pluginsaction=paypal",
                    headers: [("Content-Type", "application/json"),
                        ("X-Signature", Self.sign(body, secret: Self.paypalSecret, timestamp: Int64(Date().timeIntervalSince1970)))],
                    body: body)
            }
            let capture: JSON = [
                "id": "WH-1", "event_type": "PAYMENT.CAPTURE.COMPLETED",
                "resource": ["id": "CAP-1", "custom_id": invoice["id"]!, "amount": ["value": "25.00", "currency_code": "CNY"]],
            ]
            #expect(try await post(capture).data?["handled"] == true)
            let refund: JSON = [
                "id": "WH-2", "event_type": "PAYMENT.CAPTURE.REFUNDED",
                "resource": ["id": "REF-1", "custom_id": invoice["id"]!, "amount": ["value": "25.00", "currency_code": "CNY"]],
            ]
            #expect(try await post(refund).data?["invoice"]?["status"]?["status"] == "refunded")
            let unsigned = try await RawHTTP.send(
                port: fixture.server.port, target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=gateway&pluginsaction=paypal",
                headers: [("Content-Type", "application/json")], body: capture.serialized())
            #expect(unsigned.msg == "invalid or missing signature")
        }
    }
}

/// Collects what hook listeners saw.
actor EventLog {
    private(set) var items: [String] = []
    func append(_ item: String) { items.append(item) }
}
