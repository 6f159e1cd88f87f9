import Kernel
import PluginSDK

/// `/my/orders` and `/my/recharges`: the customer's orders or recharges (`invoice/order/index`,
/// `recharge/index`), newest payment first, filtered by time, payment method and status,
/// 10/20/50 a page; each row offers the invoice and its PDF when it was paid with real money,
/// and says why not otherwise. `/my/orders/<id>` is one invoice (`order/detail`),
/// `/my/orders/<id>/pdf` its PDF (`order/pdf`); the same under `/my/recharges`.
enum OrdersPage {
    /// Orders or recharges: ShopXO's two controls, their paths and row fields.
    struct Business: Sendable {
        let control: String
        /// The application's `type` for these (0 orders, 1 recharges).
        let type: String
        let path: String
        let title: LocalizedText
        let numberKey: String
        let paidKey: String

        static let order = Business(
            control: "order", type: "0", path: "/my/orders", title: CustomerText.orders, numberKey: "order_no", paidKey: "pay_price")
        static let recharge = Business(
            control: "recharge", type: "1", path: "/my/recharges", title: CustomerText.recharges, numberKey: "recharge_no",
            paidKey: "pay_money")
    }

    static let pageSizes = ["10", "20", "50"]

    static func list(_ context: PageContext, _ business: Business) async -> DashboardResponse {
        let query = context.request.query
        var params: JSONObject = ["page": .string(query.string("page") ?? "1"), "page_size": .string(query.string("page_size") ?? "10")]
        for key in ["start_time", "end_time", "payment", "status"] {
            if let value = query.string(key), !value.isEmpty { params[key] = .string(value) }
        }
        let answer = await context.call("invoice", business.control, "index", params)
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let rows = answer.data["data_list"]?.arrayValue ?? []
        let zone = await context.timeZone()
        let title = context.t(business.title)
        let body: [HTML] = [
            filters(context, business), Components.failure(answer), summary(context, answer.data, rows, business),
            """
            <form id="apply" method="get" action="/my/applications/new" class="apply-form">\
            <input type="hidden" name="type" value="\(business.type)">\(Components.submit(context.t(CustomerText.apply)))</form>
            """,
            table(context, rows, business, zone: zone),
            Components.pager(
                context, page: answer.data["page"]?.intValue ?? 1, pageTotal: answer.data["page_total"]?.intValue ?? 1,
                total: answer.data["data_total"]?.intValue ?? 0),
        ]
        return .page(Layout.page(context, title: title, body.joined))
    }

    /// The filter form (GET): time range, payment method, status, page size.
    private static func filters(_ context: PageContext, _ business: Business) -> HTML {
        let query = context.request.query
        let payments: [(value: String, label: String)] = [
            ("", context.t(CommonText.all)), ("stripe", "Stripe"), ("paypal", "PayPal"),
            ("balance", context.t(en: "Account balance", zh: "余额", fa: "موجودی حساب")),
        ]
        let statuses =
            [(value: "", label: context.t(en: "Paid (default)", zh: "已支付（默认）", fa: "پرداخت‌شده (پیش‌فرض)"))]
            + CommonText.invoiceStatuses.map { (value: $0, label: context.t(CommonText.invoiceStatus($0))) }
        let fields: [HTML] = [
            Components.input(context.t(CommonText.start), name: "start_time", value: query.string("start_time") ?? "", type: "date"),
            Components.input(context.t(CommonText.end), name: "end_time", value: query.string("end_time") ?? "", type: "date"),
            Components.select(
                context.t(CommonText.paymentMethod), name: "payment", options: payments, selected: query.string("payment") ?? ""),
            Components.select(context.t(CommonText.status), name: "status", options: statuses, selected: query.string("status") ?? ""),
            Components.select(
                context.t(CommonText.perPage), name: "page_size", options: pageSizes.map { ($0, $0) },
                selected: query.string("page_size") ?? "10", autosubmit: true),
            Components.submit(context.t(CommonText.filter)),
        ]
        return "<form method=\"get\" action=\"\(business.path)\" class=\"filters\" role=\"search\">\(fields)</form>"
    }

    /// How many orders match, and what was paid on this page per currency.
    private static func summary(_ context: PageContext, _ data: JSON, _ rows: [JSON], _ business: Business) -> HTML {
        var sums: [(currency: String, cents: Int64, exponent: Int)] = []
        for row in rows {
            guard let paid = row[business.paidKey]?.stringValue, let currency = row["currency"]?.stringValue,
                let minor = MoneyText.minorUnits(paid)
            else { continue }
            if let index = sums.firstIndex(where: { $0.currency == currency }) {
                sums[index].cents += minor.value
            } else {
                sums.append((currency, minor.value, minor.exponent))
            }
        }
        let totals = sums.map { "\(MoneyText.format($0.cents, exponent: $0.exponent)) \($0.currency)" }.joined(separator: " + ")
        return Components.facts([
            (context.t(CustomerText.ordersCount), "\(data["data_total"]?.intValue ?? 0)"),
            (context.t(CustomerText.pageTotal), "<bdi>\(totals.isEmpty ? "0" : totals)</bdi>"),
        ])
    }

    private static func table(_ context: PageContext, _ rows: [JSON], _ business: Business, zone: TimeZoneRules) -> HTML {
        let headers = [
            context.t(CustomerText.choose), context.t(CommonText.number), context.t(CommonText.paidAt), context.t(CommonText.paymentMethod),
            context.t(CommonText.amount), context.t(CommonText.status), context.t(CustomerText.invoice),
        ]
        let cells = rows.map { row -> [HTML] in
            let id = row["id"]?.intValue ?? 0
            let number = row[business.numberKey]?.stringValue ?? ""
            let eligibility = row["invoice_status"]?.stringValue ?? ""
            let state = row["invoice_state"]?.stringValue ?? ""
            let chooser: HTML =
                row["can_invoice"]?.boolValue == true
                ? "<input type=\"checkbox\" form=\"apply\" name=\"ids[]\" value=\"\(id)\" id=\"pick-\(id)\" aria-label=\"\(context.t(CustomerText.choose)) \(number)\">"
                : ""
            var invoice: [HTML] = []
            if eligibility != "not_real_money" {
                invoice.append("<a href=\"\(business.path)/\(id)\">\(context.t(CommonText.viewInvoice))</a>")
                invoice.append("<a href=\"\(business.path)/\(id)/pdf?download=1\" download>\(context.t(CommonText.downloadPDF))</a>")
            }
            if let reason = CustomerText.reason(eligibility: eligibility, state: state, payment: row["payment"]?.stringValue ?? "") {
                invoice.append("<span class=\"why\">\(context.t(reason))</span>")
            }
            return [
                chooser, "\(number)", Components.time(row["pay_time"], zone: zone), "\(row["payment_name"]?.stringValue ?? "")",
                Components.money(row[business.paidKey], row["currency"]),
                Components.badge(context.t(CommonText.invoiceStatus(state)), kind: state), "<div class=\"cell-actions\">\(invoice)</div>",
            ]
        }
        return Components.table(context, caption: context.t(business.title), headers: headers, rows: cells)
    }

    static func detail(_ context: PageContext, _ business: Business, id: String) async -> DashboardResponse {
        let answer = await context.call("invoice", business.control, "detail", ["id": .string(id)])
        guard answer.ok else { return ErrorPage.refused(context, answer) }
        let actions: HTML = """
            <p class="cell-actions"><a href="\(business.path)/\(id)/pdf">\(context.t(CommonText.viewInvoice)) (PDF)</a>\
            <a href="\(business.path)/\(id)/pdf?download=1" download>\(context.t(CommonText.downloadPDF))</a>\
            <a href="\(business.path)">\(context.t(CommonText.back))</a></p>
            """
        let title = context.t(CustomerText.invoice) + " " + (answer.data["number"]?.stringValue ?? "")
        let zone = await context.timeZone()
        return .page(Layout.page(context, title: title, actions + InvoiceView.render(context, answer.data, zone: zone)))
    }

    static func pdf(_ context: PageContext, _ business: Business, id: String) async -> DashboardResponse {
        let download = context.request.query.string("download") == "1" ? "1" : "0"
        let answer = await context.call("invoice", business.control, "pdf", ["id": .string(id), "download": .string(download)])
        return answer.fileResponse ?? ErrorPage.refused(context, answer)
    }
}
