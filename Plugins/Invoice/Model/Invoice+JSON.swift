import Foundation
import PluginSDK

extension Invoice {
    /// The invoice in Sell.app's shape, money as decimal strings, times as ISO 8601 in UTC (`Z`), whatever the store's time zone.
    var json: JSON {
        let money = { (value: Money) in JSON.string(value.formatted(currency)) }
        let current = history.last
        return [
            "id": .int(id),
            "number": .string(number),
            "store_id": .int(storeID),
            "kind": .string(kind.rawValue),
            "user_id": userID.map { .int($0) } ?? .null,
            "payment": [
                "fee": money(fee),
                "gateway": [
                    "type": JSON(gatewayType),
                    "transaction_id": JSON(transactionID),
                    "checkout_url": JSON(checkoutURL),
                    "data": gatewayData,
                ],
                "subtotal": ["currency": .string(currency.code), "vat": money(vat), "total": money(total)],
                "expires_at": Self.iso(expiresAt),
                "full_price": money(fullPrice),
                "original_amount": money(originalAmount),
                "paid_amount": paidAmount.map(money) ?? .null,
                "paid_at": Self.iso(paidAt),
                "received_at": Self.iso(paymentReceivedAt),
                "refunded": money(refunded),
                "tax": ["rate_bp": .int(tax.rateBasisPoints), "inclusive": .bool(tax.inclusive)],
                "coupon": couponJSON,
            ],
            "status": [
                "status": .string(status.rawValue),
                "at": Self.iso(current?.at),
                "history": .array(history.map { ["status": .string($0.status.rawValue), "at": Self.iso($0.at), "note": .string($0.note)] }),
            ],
            "customer_information": customerInformation,
            "coupon_id": couponID.map { .int($0) } ?? .null,
            "subscription_id": subscriptionID.map { .int($0) } ?? .null,
            "feedback": JSON(feedback),
            "webhooks": webhooks,
            "products": .array(lines.map { line in
                [
                    "code": .string(line.input.code),
                    "title": .string(line.input.title),
                    "description": .string(line.input.description),
                    "have_tax": .bool(line.input.haveTax),
                    "quantity": .int(line.input.quantity),
                    "amount": money(line.input.amount),
                    "discount_amount": line.input.discountType == .percent
                        ? .string(Money.format(line.input.discountAmount, exponent: 2)) : money(Money(line.input.discountAmount)),
                    "discount_type": .int(line.input.discountType.rawValue),
                    "coupon_code": line.input.couponCode.isEmpty ? .null : .string(line.input.couponCode),
                    "coupon_discount": money(line.coupon),
                    "vat": money(line.vat),
                    "total": money(line.total),
                ]
            }),
            "request_id": JSON(requestID),
            "created_at": Self.iso(createdAt),
            "updated_at": Self.iso(updatedAt),
        ]
    }

    /// The coupon used and what it took off in all (`null` without one).
    var couponJSON: JSON {
        guard let couponID, let code = lines.first(where: { !$0.input.couponCode.isEmpty })?.input.couponCode else { return .null }
        let discount = lines.reduce(Money.zero) { $0 + $1.coupon }
        return ["id": .int(couponID), "code": .string(code), "discount": .string(discount.formatted(currency))]
    }

    /// Sell.app's eight customer parts, each `null` when unknown (`id` is the customer's account
    /// when the invoice belongs to one), then the bill-to fields the merchant gave.
    var customerInformation: JSON {
        var shown = JSONObject()
        shown["id"] = userID.map { JSON.int($0) } ?? customer["id"] ?? .null
        for key in ["email", "country", "location", "ip", "proxied", "browser_agent"] { shown[key] = customer[key] ?? .null }
        let vat = customer["vat"]
        shown["vat"] = ["amount": vat?["amount"] ?? .null, "country": vat?["country"] ?? .null]
        for (key, _) in InvoiceInput.billTo { if let value = customer[key] { shown[key] = value } }
        return .object(shown)
    }

    static func iso(_ seconds: Int64?) -> JSON {
        guard let seconds else { return .null }
        return .string(CivilTime.iso8601(seconds))
    }
}
