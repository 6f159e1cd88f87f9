import Kernel
import PluginSDK

/// One invoice in Sell.app's shape (`order/detail`, `merchant/view`): its facts, lines and
/// status history, its times in the store's zone. Customer and merchant pages show it alike.
enum InvoiceView {
    static func render(_ context: PageContext, _ invoice: JSON, zone: TimeZoneRules) -> HTML {
        let payment = invoice["payment"] ?? .null
        let currency = payment["subtotal"]?["currency"]?.stringValue ?? ""
        let status = invoice["status"]?["status"]?.stringValue ?? ""
        let money = { (value: JSON?) -> HTML in Components.money(value, .string(currency)) }
        let facts = Components.facts([
            (context.t(CommonText.number), "\(invoice["number"]?.stringValue ?? "")"),
            (context.t(CommonText.status), Components.badge(context.t(CommonText.invoiceStatus(status)), kind: status)),
            (context.t(CommonText.total), money(payment["subtotal"]?["total"])),
            (context.t(CommonText.vat), money(payment["subtotal"]?["vat"])),
            (context.t(CommonText.refunded), money(payment["refunded"])),
            (context.t(CommonText.paymentMethod), "\(payment["gateway"]?["type"]?.stringValue ?? "")"),
            (context.t(en: "Transaction", zh: "交易号", fa: "شناسهٔ تراکنش"), "\(payment["gateway"]?["transaction_id"]?.stringValue ?? "")"),
            (context.t(CommonText.paidAt), Components.time(payment["paid_at"], zone: zone)),
            (context.t(CommonText.created), Components.time(invoice["created_at"], zone: zone)),
        ])
        let lines = (invoice["products"]?.arrayValue ?? []).map { line -> [HTML] in
            [
                "\(line["title"]?.stringValue ?? "")", "\(line["quantity"]?.intValue ?? 0)", money(line["amount"]), money(line["vat"]),
                money(line["total"]),
            ]
        }
        let history = (invoice["status"]?["history"]?.arrayValue ?? []).map { entry -> [HTML] in
            let state = entry["status"]?.stringValue ?? ""
            return [
                Components.badge(context.t(CommonText.invoiceStatus(state)), kind: state), Components.time(entry["at"], zone: zone),
                "\(entry["note"]?.stringValue ?? "")",
            ]
        }
        return [
            facts,
            Components.table(
                context, caption: context.t(CommonText.lines),
                headers: [
                    context.t(CommonText.item), context.t(CommonText.quantity), context.t(CommonText.unitPrice), context.t(CommonText.vat),
                    context.t(CommonText.total),
                ],
                rows: lines),
            Components.table(
                context, caption: context.t(CommonText.history),
                headers: [context.t(CommonText.status), context.t(en: "When", zh: "时间", fa: "زمان"), context.t(CommonText.note)],
                rows: history),
        ].joined
    }
}
