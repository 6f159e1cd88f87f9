import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import TestSupport
import Testing

/// Issue 14, payments: failed payments from Stripe, PayPal and the merchant API, PayPal's own
/// capture time, customer_information's eight parts and idempotency keys.
@Suite struct PaymentOutcomeTests {
    static func paypal(_ fixture: InvoiceFixture, _ event: JSON) async throws -> HTTPResult {
        let body = event.serialized()
        let header = GatewayTests.sign(body, secret: GatewayTests.paypalSecret, timestamp: Int64(Date().timeIntervalSince1970))
        return try await RawHTTP.send(
            port: fixture.server.port, target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=gateway&pluginsaction=paypal&store_id=1",
            headers: [("Content-Type", "application/json"), ("X-Signature", header)], body: body)
    }

    static func history(_ fixture: InvoiceFixture, _ id: JSON) async throws -> [JSON] {
        try await fixture.merchant("view", ["id": id]).data?["status"]?["history"]?.arrayValue ?? []
    }

    /// A new pending invoice of one line; its id.
    static func pendingID(_ fixture: InvoiceFixture, amount: String) async throws -> JSON {
        try await fixture.createInvoice(userID: nil, amount: amount)["id"] ?? .null
    }

    @Test func aStripeFailureIsRecordedWithItsReasonAndALaterPaymentStillWins() async throws {
        try await GatewayTests.withGateways { fixture in
            let id = try await Self.pendingID(fixture, amount: "159.00")
            let failed = try await GatewayTests.stripe(fixture, [
                "id": "evt_fail_1", "type": "payment_intent.payment_failed",
                "data": ["object": [
                    "id": "pi_fail_1", "metadata": ["invoice_id": id],
                    "last_payment_error": ["code": "card_declined", "message": "Your card was declined."],
                ]],
            ])
            #expect(failed.data?["handled"] == true)
            #expect(try await GatewayTests.status(fixture, id) == "failed")
            #expect(try await Self.history(fixture, id).last?["note"] == "payment failed via stripe pi_fail_1: Your card was declined.")
            let listed = try await fixture.merchant("list", ["status": "failed"])
            #expect(listed.data?["items"]?.arrayValue?.map { $0["id"] } == [id], "status=failed finds it")
            let asyncFailure = try await GatewayTests.stripe(fixture, [
                "id": "evt_fail_2", "type": "checkout.session.async_payment_failed",
                "data": ["object": ["id": "cs_2", "payment_intent": "pi_fail_2", "client_reference_id": id]],
            ])
            #expect(asyncFailure.data?["handled"] == true)
            #expect(try await Self.history(fixture, id).count == 3)
            let paid = try await GatewayTests.stripe(fixture, GatewayTests.checkoutCompleted(id: "evt_paid", invoiceID: id, amount: 15900))
            #expect(paid.data?["invoice"]?["status"]?["status"] == "paid")
            let late = try await GatewayTests.stripe(fixture, [
                "id": "evt_fail_late", "type": "payment_intent.payment_failed",
                "data": ["object": ["id": "pi_old", "metadata": ["invoice_id": id]]],
            ])
            #expect(late.data?["handled"] == false, "a failure arriving after the payment changes nothing")
            #expect(try await GatewayTests.status(fixture, id) == "paid")
        }
    }

    @Test func payPalDenialsAreFailuresAndACaptureIsDatedByPayPal() async throws {
        try await GatewayTests.withGateways { fixture in
            let id = try await Self.pendingID(fixture, amount: "20.00")
            let denied = try await Self.paypal(fixture, [
                "id": "WH-1", "event_type": "PAYMENT.CAPTURE.DENIED",
                "resource": ["id": "CAP-1", "custom_id": id, "status": "DECLINED", "status_details": ["reason": "INSTRUMENT_DECLINED"]],
            ])
            #expect(denied.data?["invoice"]?["status"]?["status"] == "failed")
            #expect(try await Self.history(fixture, id).last?["note"] == "payment failed via paypal CAP-1: INSTRUMENT_DECLINED")
            let before = Int64(Date().timeIntervalSince1970)
            let completed = try await Self.paypal(fixture, [
                "id": "WH-2", "event_type": "PAYMENT.CAPTURE.COMPLETED",
                "resource": [
                    "id": "CAP-2", "custom_id": id, "amount": ["currency_code": "CNY", "value": "20.00"],
                    "create_time": "2026-03-04T05:06:07Z", "update_time": "2026-03-04T05:06:09Z",
                ],
            ])
            let payment = completed.data?["invoice"]?["payment"]
            #expect(completed.data?["invoice"]?["status"]?["status"] == "paid")
            #expect(payment?["paid_at"] == "2026-03-04T05:06:07Z", "the capture's own time, not the webhook's")
            let received = try #require(payment?["received_at"]?.stringValue)
            let arrival = try #require(InvoiceDates.seconds(received))
            #expect(arrival >= before - 1, "the arrival time is kept apart")
        }
    }

    @Test func theMerchantAPIRecordsFailuresAndRefusesThemOnPaidInvoices() async throws {
        try await InvoiceFixture.with { fixture in
            let id = try await Self.pendingID(fixture, amount: "10.00")
            let missing = try await fixture.merchant("fail", ["id": id, "gateway": "stripe"])
            #expect(missing.msg == "missing parameter 'reason'")
            let failed = try await fixture.merchant("fail", ["id": id, "gateway": "alipay", "reason": "insufficient funds", "transaction_id": "T1"])
            #expect(failed.data?["status"]?["status"] == "failed")
            #expect(failed.data?["status"]?["history"]?.arrayValue?.last?["note"] == "payment failed via alipay T1: insufficient funds")
            let paid = try await fixture.merchant("pay", ["id": id, "gateway": "alipay", "transaction_id": "T2", "amount": "10.00"])
            #expect(paid.data?["status"]?["status"] == "paid")
            let refused = try await fixture.merchant("fail", ["id": id, "gateway": "alipay", "reason": "late"])
            #expect(refused.code == -1)
            #expect(refused.msg == "an invoice that is paid cannot become failed")
        }
    }

    @Test func customerInformationAnswersSellAppsEightPartsWithNullWhenUnknown() async throws {
        try await InvoiceFixture.with { fixture in
            let minimal = try await fixture.createInvoice(userID: nil)
            let customer = minimal["customer_information"]
            #expect(customer?.objectValue?.orderedKeys == ["id", "email", "country", "location", "ip", "proxied", "browser_agent", "vat"])
            for key in ["id", "email", "country", "location", "ip", "proxied", "browser_agent"] { #expect(customer?[key] == .null) }
            #expect(customer?["vat"] == ["amount": .null, "country": .null])
            let (userID, _) = try await fixture.server.user("carla")
            let owned = try await fixture.merchant("create", [
                "user_id": .int(userID), "products": [["code": "P", "title": "T", "quantity": 1, "amount": "5.00"]],
                "customer_information": ["email": "carla@example.com", "country": "DE", "vat": ["amount": "0.95", "country": "DE"], "name": "Carla"],
            ])
            let shown = owned.data?["customer_information"]
            #expect(shown?["id"] == .int(userID), "id is the customer's account")
            #expect(shown?["email"] == "carla@example.com")
            #expect(shown?["vat"] == ["amount": "0.95", "country": "DE"])
            #expect(shown?["ip"] == .null)
            #expect(shown?["name"] == "Carla", "the bill-to fields stay")
        }
    }

    @Test func anIdempotencyKeyReusedWithOtherParametersIsRefusedNamingIt() async throws {
        try await InvoiceFixture.with { fixture in
            let first = try await fixture.createInvoice(userID: nil, amount: "10.00", requestID: "order-77")
            let again = try await fixture.createInvoice(userID: nil, amount: "10.00", requestID: "order-77")
            #expect(again["id"] == first["id"])
            let header = try await fixture.merchant(
                "create", ["kind": "order", "products": [["code": "P1", "title": "Widget", "quantity": 1, "amount": "10.00", "have_tax": false]]],
                headers: [("Idempotency-Key", "order-77")])
            #expect(header.data?["id"] == first["id"], "the header is the same key")
            let other = try await fixture.merchant("create", [
                "request_id": "order-77", "products": [["code": "P1", "title": "Widget", "quantity": 1, "amount": "11.00"]],
            ], headers: [])
            #expect(other.code == -101)
            #expect(other.msg == "idempotency key 'order-77' was already used with different parameters")
        }
    }

    @Test func anIdempotencyKeyIsForgottenAfterItsKeepingTime() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let saved = try await fixture.server.call(
                "system", "plugin", "saveconfig", ["name": "invoice", "config": ["idempotency_key_hours": 0]], token: admin, path: "/admin/plugins/index")
            #expect(saved.code == 0, "\(saved.text)")
            let first = try await fixture.createInvoice(userID: nil, amount: "10.00", requestID: "short-lived")
            try await Task.sleep(for: .milliseconds(1_100))
            let second = try await fixture.createInvoice(userID: nil, amount: "12.00", requestID: "short-lived")
            #expect(second["id"] != first["id"])
            #expect(second["request_id"] == "short-lived")
            let old = try await fixture.merchant("view", ["id": first["id"] ?? .null])
            #expect(old.data?["request_id"] == .null, "the old invoice let go of the key")
        }
    }
}

/// Reads the ISO 8601 times the API answers.
enum InvoiceDates {
    static func seconds(_ text: String) -> Int64? {
        ISO8601DateFormatter().date(from: text).map { Int64($0.timeIntervalSince1970) }
    }
}
