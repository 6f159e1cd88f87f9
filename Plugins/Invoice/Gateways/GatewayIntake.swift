import Contracts
import PluginSDK

/// The common path of every gateway event, in one write: read the store's secret, verify the
/// signature, parse the event, record its id so a replay changes nothing, apply it and publish
/// what changed - all in the same transaction (a bad signature writes nothing).
enum GatewayIntake {
    /// What one event did to an invoice.
    enum Effect: Sendable {
        case paid(Invoice)
        case refunded(Invoice)
        case failed(Invoice)
        case nothing
    }

    /// A verified event: its id, type and the object it carries.
    struct Event: Sendable {
        let id: String
        let type: String
        let object: JSON
    }

    static func process(
        _ context: ActionContext,
        gateway: String,
        secret: @escaping @Sendable (StoreSettings) -> String,
        signatureHeader: String,
        parse: @escaping @Sendable (JSON) throws -> Event,
        apply: @escaping @Sendable (Database, Event, Int64, Int64) throws -> Effect
    ) async throws -> Reply {
        let storeID = try context.params.int("store_id") ?? 1
        let now = context.now
        let body = context.request.rawBody
        let header = context.request.headers[signatureHeader]
        let (event, outcome) = try await context.storage.write { db -> (Event, Effect?) in
            let key = secret(try SettingsRecords.load(db, storeID: storeID, context: context))
            guard !key.isEmpty else { throw InvoiceMessages.gatewayNotConfigured }
            guard SignedPayload.verify(header: header, payload: body, secret: key, now: now) else { throw InvoiceMessages.invalidSignature }
            guard let json = try? JSON.parse(body) else { throw KernelError.badParameter("body", .malformed) }
            let event = try parse(json)
            try db.execute(
                "INSERT INTO invoice_gateway_events (gateway, event_id, store_id, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                gateway, event.id, storeID, now)
            guard db.changes == 1 else { return (event, nil) }
            let effect = try apply(db, event, storeID, now)
            switch effect {
            case .paid(let invoice): try context.services.hooks.publish(InvoiceEvents.paid, invoice, in: db)
            case .refunded(let invoice): try context.services.hooks.publish(InvoiceEvents.refunded, invoice, in: db)
            case .failed(let invoice): try context.services.hooks.publish(InvoiceEvents.paymentFailed, invoice, in: db)
            case .nothing: break
            }
            return (event, effect)
        }
        switch outcome {
        case nil:
            return .ok(["event": .string(event.id), "handled": false], message: InvoiceMessages.eventAlreadyHandled)
        case .paid(let invoice)?, .refunded(let invoice)?, .failed(let invoice)?:
            return .ok(["event": .string(event.id), "handled": true, "invoice": invoice.json])
        case .nothing?:
            return .ok(["event": .string(event.id), "handled": false], message: InvoiceMessages.eventIgnored)
        }
    }

    /// Records a gateway payment unless this very payment is already recorded (the same
    /// payment can arrive as two event types).
    static func pay(_ db: Database, _ invoice: Invoice, _ payment: PaymentRecords.Payment, now: Int64) throws -> Effect {
        if invoice.status.isPaid && invoice.transactionID == payment.transactionID { return .nothing }
        switch try PaymentRecords.pay(db, invoice, payment, now: now) {
        case .paid(let paid): return .paid(paid)
        case .expired: return .nothing
        }
    }

    /// Records a failed payment unless the invoice is already paid (a late failure of an
    /// earlier attempt never undoes a success) or closed.
    static func fail(_ db: Database, _ invoice: Invoice, _ failure: PaymentRecords.Failure, now: Int64) throws -> Effect {
        guard invoice.status.awaitsPayment else { return .nothing }
        return .failed(try PaymentRecords.fail(db, invoice, failure, now: now))
    }

    /// The gateway's reason for a failure, cut to a length a history note can hold.
    static func reason(_ candidates: JSON?..., fallback: String) -> String {
        let text = candidates.lazy.compactMap { $0?.stringValue }.first { !$0.isEmpty } ?? fallback
        return String(text.prefix(500))
    }

    /// Brings the refunded total up to `cumulative` (gateways report the running total).
    static func refund(_ db: Database, _ invoice: Invoice, cumulative: Money, note: String, now: Int64) throws -> Effect {
        let delta = cumulative - invoice.refunded
        guard delta.minorUnits > 0 else { return .nothing }
        return .refunded(try PaymentRecords.refund(db, invoice, amount: delta, note: note, now: now))
    }
}
