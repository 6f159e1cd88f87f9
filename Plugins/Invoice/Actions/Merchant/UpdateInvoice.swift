import Contracts
import PluginSDK

/// `merchant/update`: changes a pending invoice (lines, customer, expiry, texts); totals are
/// recomputed and the change is recorded in the history.
enum UpdateInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        var changes: [(String, any SQLBindable)] = []
        if params["customer_information"] != nil || params["email"] != nil {
            changes.append(("customer", try InvoiceInput.customer(params).text))
        }
        if params["expires_at"] != nil { changes.append(("expires_at", try InvoiceInput.time(params, "expires_at"))) }
        if let feedback = params.string("feedback") { changes.append(("feedback", feedback)) }
        if let url = params.string("checkout_url") { changes.append(("checkout_url", url)) }
        if params["webhooks"] != nil { changes.append(("webhooks", try CreateInvoice.webhooks(params).text)) }
        let assignments = changes
        let attachmentIDs = params["attachments"] == nil ? nil : try params.ids("attachments")
        let attachmentsAfterPayment = try params.bool("send_attachments_after_payment")
        let updated = try await context.storage.write { db -> JSON in
            let merchant = try MerchantContext(context, db: db)
            let current = try merchant.invoice(context, db: db)
            guard current.status == .pending else { throw InvoiceMessages.notPending }
            let invoiceCoupon = try CouponUse.invoiceCoupon(params, storeID: merchant.storeID, db: db)
            if params["products"] != nil || invoiceCoupon != nil {
                var lines = params["products"] != nil ? try InvoiceInput.lines(params, currency: current.currency) : current.lines.map(\.input)
                if let invoiceCoupon, params["products"] == nil {
                    for index in lines.indices { lines[index].couponCode = invoiceCoupon }
                }
                let (priced, coupon) = try CouponUse.apply(
                    lines, invoiceCoupon: invoiceCoupon, storeID: merchant.storeID, currency: current.currency, now: merchant.now,
                    dropUnusable: false, holding: current.couponID, db: db)
                try InvoiceRecords.replaceLines(db, invoice: current, lines: priced, coupon: coupon, tax: merchant.settings.tax)
            }
            for (column, value) in assignments {
                try db.execute("UPDATE invoice_invoices SET \(column) = ? WHERE id = ?", value, current.id)
            }
            if attachmentIDs != nil || attachmentsAfterPayment != nil {
                let listed = try AttachmentRecords.forInvoice(db, invoiceID: current.id)
                let ids = try attachmentIDs.map {
                    try AttachmentRecords.check(db, storeID: merchant.storeID, ids: $0.map(String.init), field: "attachments")
                } ?? listed.items.map(\.id)
                try AttachmentRecords.link(db, invoiceID: current.id, ids: ids, afterPayment: attachmentsAfterPayment ?? listed.afterPayment)
            }
            try InvoiceRecords.touch(db, current, note: "updated", now: merchant.now)
            return try ViewInvoice.answer(try InvoiceRecords.current(db, current), db: db)
        }
        return .ok(updated)
    }
}

/// `merchant/cancel`: a pending invoice becomes canceled; it keeps its number.
enum CancelInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let note = context.params.string("note") ?? "canceled"
        let canceled = try await context.storage.write { db -> Invoice in
            let merchant = try MerchantContext(context, db: db)
            let current = try merchant.invoice(context, db: db)
            try InvoiceRecords.transition(db, current, to: .canceled, note: note, now: merchant.now)
            let canceled = try InvoiceRecords.current(db, current)
            try context.services.hooks.publish(InvoiceEvents.canceled, canceled, in: db)
            return canceled
        }
        return .ok(canceled.json)
    }
}

/// `merchant/pay`: records a payment (`gateway`, `transaction_id`, `amount`, `paid_at`).
enum PayInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let gateway = try params.requiredString("gateway").lowercased()
        guard PluginNames.isValidGateway(gateway) else { throw KernelError.badParameter("gateway", .malformed) }
        let transactionID = try params.requiredString("transaction_id")
        let paidAt = try InvoiceInput.time(params, "paid_at")
        let outcome = try await context.storage.write { db -> PaymentRecords.PayOutcome in
            let merchant = try MerchantContext(context, db: db)
            let invoice = try merchant.invoice(context, db: db)
            guard let amountValue = params["amount"], let amount = Money.parse(amountValue, currency: invoice.currency) else {
                throw KernelError.badParameter("amount", .malformed)
            }
            if let currency = params.string("currency"), currency.uppercased() != invoice.currency.code {
                throw InvoiceMessages.currencyMismatch(expected: invoice.currency.code)
            }
            let payment = PaymentRecords.Payment(
                gateway: gateway, transactionID: transactionID, amount: amount, paidAt: paidAt ?? merchant.now, data: .emptyObject)
            let outcome = try PaymentRecords.pay(db, invoice, payment, now: merchant.now)
            if case .paid(let paid) = outcome { try context.services.hooks.publish(InvoiceEvents.paid, paid, in: db) }
            return outcome
        }
        guard case .paid(let paid) = outcome else { throw InvoiceMessages.expired }
        return .ok(paid.json)
    }
}

/// `merchant/fail`: records a failed payment attempt (`gateway`, `reason`, `transaction_id`) of
/// a pending or failed invoice; it becomes failed, with the reason in its history.
enum FailPayment {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let gateway = try params.requiredString("gateway").lowercased()
        guard PluginNames.isValidGateway(gateway) else { throw KernelError.badParameter("gateway", .malformed) }
        let failure = PaymentRecords.Failure(
            gateway: gateway, transactionID: params.string("transaction_id"), reason: try params.requiredString("reason"))
        let failed = try await context.storage.write { db -> Invoice in
            let merchant = try MerchantContext(context, db: db)
            let failed = try PaymentRecords.fail(db, try merchant.invoice(context, db: db), failure, now: merchant.now)
            try context.services.hooks.publish(InvoiceEvents.paymentFailed, failed, in: db)
            return failed
        }
        return .ok(failed.json)
    }
}

/// `merchant/refund`: refunds `amount` (default: all that is left) of a paid invoice.
enum RefundInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let note = params.string("note") ?? ""
        let refunded = try await context.storage.write { db -> Invoice in
            let merchant = try MerchantContext(context, db: db)
            let invoice = try merchant.invoice(context, db: db)
            var amount: Money?
            if let value = params["amount"], !value.isNull, value != .string("") {
                guard let parsed = Money.parse(value, currency: invoice.currency) else { throw KernelError.badParameter("amount", .malformed) }
                amount = parsed
            }
            let refunded = try PaymentRecords.refund(db, invoice, amount: amount, note: note, now: merchant.now)
            try context.services.hooks.publish(InvoiceEvents.refunded, refunded, in: db)
            return refunded
        }
        return .ok(refunded.json)
    }
}

/// Names gateways may take: short lower-case words.
enum PluginNames {
    static func isValidGateway(_ name: String) -> Bool {
        (1...32).contains(name.utf8.count) && name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }
}
