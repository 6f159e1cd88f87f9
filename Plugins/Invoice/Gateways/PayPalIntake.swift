import Foundation
import PluginSDK

/// `gateway/paypal`: PayPal webhook events relayed with the store's shared secret, signed like
/// Stripe's (`X-Signature: t=..,v1=..`, HMAC-SHA256 of "<t>.<body>"). Handles
/// `PAYMENT.CAPTURE.COMPLETED` and `PAYMENT.CAPTURE.REFUNDED`, and the failures
/// `PAYMENT.CAPTURE.DENIED` and `PAYMENT.CAPTURE.DECLINED` (the reason from `status_details`);
/// the invoice is named by the resource's `custom_id` (or `invoice_id`). Amounts are decimal
/// strings. A capture's time is its own `create_time` (else `update_time`), not the webhook's.
enum PayPalIntake {
    static func handle(_ context: ActionContext) async throws -> Reply {
        try await GatewayIntake.process(
            context, gateway: "paypal", secret: { $0.paypalWebhookSecret }, signatureHeader: "x-signature",
            parse: { json in
                guard let id = json["id"]?.stringValue, let type = json["event_type"]?.stringValue,
                    let resource = json["resource"], case .object = resource
                else { throw KernelError.badParameter("resource", .malformed) }
                return GatewayIntake.Event(id: id, type: type, object: resource)
            },
            apply: apply)
    }

    private static func apply(_ db: Database, _ event: GatewayIntake.Event, storeID: Int64, now: Int64) throws -> GatewayIntake.Effect {
        let resource = event.object
        guard handled.contains(event.type) else { return .nothing }
        let reference = (resource["custom_id"] ?? resource["invoice_id"])?.intValue
        guard let reference, let invoice = try InvoiceRecords.find(db, id: reference, storeID: storeID) else { throw KernelError.notFound }
        if event.type == "PAYMENT.CAPTURE.DENIED" || event.type == "PAYMENT.CAPTURE.DECLINED" {
            let failure = PaymentRecords.Failure(
                gateway: "paypal", transactionID: resource["id"]?.stringValue,
                reason: GatewayIntake.reason(resource["status_details"]?["reason"], resource["status"], fallback: event.type))
            return try GatewayIntake.fail(db, invoice, failure, now: now)
        }
        if let currency = resource["amount"]?["currency_code"]?.stringValue, currency.uppercased() != invoice.currency.code {
            throw InvoiceMessages.currencyMismatch(expected: invoice.currency.code)
        }
        guard let value = resource["amount"]?["value"], let amount = Money.parse(value, currency: invoice.currency) else {
            throw KernelError.badParameter("resource.amount.value", .malformed)
        }
        if event.type == "PAYMENT.CAPTURE.REFUNDED" {
            return try GatewayIntake.refund(db, invoice, cumulative: invoice.refunded + amount, note: "refunded via paypal \(event.id)", now: now)
        }
        let payment = PaymentRecords.Payment(
            gateway: "paypal", transactionID: resource["id"]?.stringValue ?? event.id, amount: amount,
            paidAt: captureTime(resource) ?? now,
            data: ["event_id": .string(event.id), "event_type": .string(event.type)])
        return try GatewayIntake.pay(db, invoice, payment, now: now)
    }

    private static let handled: Set<String> = [
        "PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED",
    ]

    /// The capture's own time: `create_time`, else `update_time` (RFC 3339), as Unix seconds.
    private static func captureTime(_ resource: JSON) -> Int64? {
        for key in ["create_time", "update_time"] {
            if let text = resource[key]?.stringValue, let date = InvoiceInput.parseDate(text) {
                return Int64(date.timeIntervalSince1970.rounded(.down))
            }
        }
        return nil
    }
}
