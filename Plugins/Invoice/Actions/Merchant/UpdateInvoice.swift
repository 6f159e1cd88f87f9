import Kernel
import Storage

/// `merchant/update`: changes a pending invoice (lines, customer, expiry, texts); totals are
/// recomputed and the change is recorded in the history.
enum UpdateInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let merchant = try await MerchantContext(context)
        let invoice = try await merchant.invoice(context)
        guard invoice.status == .pending else { throw InvoiceMessages.notPending }
        let params = context.params
        let lines = params["products"] == nil ? nil : try InvoiceInput.lines(params, currency: invoice.currency)
        var changes: [(String, any SQLBindable)] = []
        if params["customer_information"] != nil || params["email"] != nil {
            changes.append(("customer", try InvoiceInput.customer(params).text))
        }
        if params["expires_at"] != nil { changes.append(("expires_at", try InvoiceInput.time(params, "expires_at"))) }
        if let feedback = params.string("feedback") { changes.append(("feedback", feedback)) }
        if let url = params.string("checkout_url") { changes.append(("checkout_url", url)) }
        if params["webhooks"] != nil { changes.append(("webhooks", try CreateInvoice.webhooks(params).text)) }
        if let coupon = try params.int("coupon_id") { changes.append(("coupon_id", coupon)) }
        let tax = merchant.settings.tax
        let now = merchant.now
        let assignments = changes
        let updated = try await context.storage.write { db -> Invoice in
            guard let current = try InvoiceRecords.find(db, id: invoice.id, storeID: invoice.storeID), current.status == .pending else {
                throw InvoiceMessages.notPending
            }
            if let lines { try InvoiceRecords.replaceLines(db, invoice: current, lines: lines, tax: tax) }
            for (column, value) in assignments {
                try db.execute("UPDATE invoice_invoices SET \(column) = ? WHERE id = ?", value, current.id)
            }
            try InvoiceRecords.touch(db, current, note: "updated", now: now)
            return try InvoiceRecords.find(db, id: current.id, storeID: current.storeID)!
        }
        return .ok(updated.json)
    }
}

/// `merchant/cancel`: a pending invoice becomes canceled; it keeps its number.
enum CancelInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let merchant = try await MerchantContext(context)
        let invoice = try await merchant.invoice(context)
        let note = context.params.string("note") ?? "canceled"
        let now = merchant.now
        let canceled = try await context.storage.write { db -> Invoice in
            let current = try InvoiceRecords.current(db, invoice)
            try InvoiceRecords.transition(db, current, to: .canceled, note: note, now: now)
            return try InvoiceRecords.find(db, id: current.id, storeID: current.storeID)!
        }
        return .ok(canceled.json)
    }
}

/// `merchant/pay`: records a payment (`gateway`, `transaction_id`, `amount`, `paid_at`).
enum PayInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let merchant = try await MerchantContext(context)
        let invoice = try await merchant.invoice(context)
        let params = context.params
        let gateway = try params.requiredString("gateway").lowercased()
        guard PluginNames.isValidGateway(gateway) else { throw KernelError.badParameter("gateway", .malformed) }
        let transactionID = try params.requiredString("transaction_id")
        guard let amountValue = params["amount"], let amount = Money.parse(amountValue, currency: invoice.currency) else {
            throw KernelError.badParameter("amount", .malformed)
        }
        if let currency = params.string("currency"), currency.uppercased() != invoice.currency.code {
            throw InvoiceMessages.currencyMismatch(expected: invoice.currency.code)
        }
        let payment = PaymentRecords.Payment(
            gateway: gateway, transactionID: transactionID, amount: amount,
            paidAt: try InvoiceInput.time(params, "paid_at") ?? merchant.now, data: .emptyObject)
        let now = merchant.now
        let outcome = try await context.storage.write { db -> PaymentRecords.PayOutcome in
            try PaymentRecords.pay(db, InvoiceRecords.current(db, invoice), payment, now: now)
        }
        guard case .paid(let paid) = outcome else { throw InvoiceMessages.expired }
        await InvoiceEvents.publish("invoice.paid", paid, context)
        return .ok(paid.json)
    }
}

/// `merchant/refund`: refunds `amount` (default: all that is left) of a paid invoice.
enum RefundInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let merchant = try await MerchantContext(context)
        let invoice = try await merchant.invoice(context)
        let params = context.params
        var amount: Money?
        if let value = params["amount"], !value.isNull, value != .string("") {
            guard let parsed = Money.parse(value, currency: invoice.currency) else { throw KernelError.badParameter("amount", .malformed) }
            amount = parsed
        }
        let note = params.string("note") ?? ""
        let now = merchant.now
        let requested = amount
        let refunded = try await context.storage.write { db -> Invoice in
            try PaymentRecords.refund(db, InvoiceRecords.current(db, invoice), amount: requested, note: note, now: now)
        }
        await InvoiceEvents.publish("invoice.refunded", refunded, context)
        return .ok(refunded.json)
    }
}

/// Names gateways may take: short lower-case words.
enum PluginNames {
    static func isValidGateway(_ name: String) -> Bool {
        (1...32).contains(name.utf8.count) && name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }
}
