import Kernel

/// `/my/orders`: the customer's orders (`invoice/order/index`), newest payment first, filtered
/// by time, payment method and status, 10/20/50 a page; each row offers the invoice and its PDF
/// when the order was paid with real money, and says why not otherwise. `/my/orders/<id>` is
/// one invoice (`order/detail`), `/my/orders/<id>/pdf` its PDF (`order/pdf`).
enum OrdersPage {
    static let pageSizes = ["10", "20", "50"]

    static func list(_ context: PageContext) async -> DashboardResponse {
        let query = context.request.query
        var params: JSONObject = ["page": .string(query.string("page") ?? "1"), "page_size": .string(query.string("page_size") ?? "10")]
        for key in ["start_time", "end_time", "payment", "status"] {
            if let value = query.string(key), !value.isEmpty { params[key] = .string(value) }
        }
        let answer = await context.call("invoice", "order", "index", params)
        if answer.needsLogin { return ErrorPage.refused(context, answer) }
        let rows = answer.data["data_list"]?.arrayValue ?? []
        let title = context.t(CustomerText.orders)
        let body: [HTML] = [
            filters(context), Components.failure(answer), summary(context, answer.data, rows),
            """
            <form id="apply" method="get" action="/my/applications/new" class="apply-form">\
            <input type="hidden" name="type" value="0">\(Components.submit(context.t(CustomerText.apply)))</form>
            """,
            table(context, rows),
            Components.pager(
                context, page: answer.data["page"]?.intValue ?? 1, pageTotal: answer.data["page_total"]?.intValue ?? 1,
                total: answer.data["data_total"]?.intValue ?? 0),
        ]
        return .page(Layout.page(context, title: title, body.joined))
    }

    /// The filter form (GET): time range, payment method, status, page size.
    private static func filters(_ context: PageContext) -> HTML {
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
        return "<form method=\"get\" action=\"/my/orders\" class=\"filters\" role=\"search\">\(fields)</form>"
    }

    /// How many orders match, and what was paid on this page per currency.
    private static func summary(_ context: PageContext, _ data: JSON, _ rows: [JSON]) -> HTML {
        var sums: [(currency: String, cents: Int64, exponent: Int)] = []
        for row in rows {
            guard let paid = row["pay_price"]?.stringValue, let currency = row["currency"]?.stringValue,
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

    private static func table(_ context: PageContext, _ rows: [JSON]) -> HTML {
        let headers = [
            context.t(CustomerText.choose), context.t(CommonText.number), context.t(CommonText.paidAt), context.t(CommonText.paymentMethod),
            context.t(CommonText.amount), context.t(CommonText.status), context.t(CustomerText.invoice),
        ]
        let cells = rows.map { row -> [HTML] in
            let id = row["id"]?.intValue ?? 0
            let number = row["order_no"]?.stringValue ?? ""
            let eligibility = row["invoice_status"]?.stringValue ?? ""
            let state = row["invoice_state"]?.stringValue ?? ""
            let chooser: HTML =
                row["can_invoice"]?.boolValue == true
                ? "<input type=\"checkbox\" form=\"apply\" name=\"ids[]\" value=\"\(id)\" id=\"pick-\(id)\" aria-label=\"\(context.t(CustomerText.choose)) \(number)\">"
                : ""
            var invoice: [HTML] = []
            if eligibility != "not_real_money" {
                invoice.append("<a href=\"/my/orders/\(id)\">\(context.t(CommonText.viewInvoice))</a>")
                invoice.append("<a href=\"/my/orders/\(id)/pdf?download=1\" download>\(context.t(CommonText.downloadPDF))</a>")
            }
            if let reason = CustomerText.reason(eligibility: eligibility, state: state, payment: row["payment"]?.stringValue ?? "") {
                invoice.append("<span class=\"why\">\(context.t(reason))</span>")
            }
            return [
                chooser, "\(number)", Components.time(row["pay_time"]), "\(row["payment_name"]?.stringValue ?? "")",
                Components.money(row["pay_price"], row["currency"]),
                Components.badge(context.t(CommonText.invoiceStatus(state)), kind: state), "<div class=\"cell-actions\">\(invoice)</div>",
            ]
        }
        return Components.table(context, caption: context.t(CustomerText.orders), headers: headers, rows: cells)
    }

    static func detail(_ context: PageContext, id: String) async -> DashboardResponse {
        let answer = await context.call("invoice", "order", "detail", ["id": .string(id)])
        guard answer.ok else { return ErrorPage.refused(context, answer) }
        let actions: HTML = """
            <p class="cell-actions"><a href="/my/orders/\(id)/pdf">\(context.t(CommonText.viewInvoice)) (PDF)</a>\
            <a href="/my/orders/\(id)/pdf?download=1" download>\(context.t(CommonText.downloadPDF))</a>\
            <a href="/my/orders">\(context.t(CommonText.back))</a></p>
            """
        let title = context.t(CustomerText.invoice) + " " + (answer.data["number"]?.stringValue ?? "")
        return .page(Layout.page(context, title: title, actions + InvoiceView.render(context, answer.data)))
    }

    static func pdf(_ context: PageContext, id: String) async -> DashboardResponse {
        let download = context.request.query.string("download") == "1" ? "1" : "0"
        let answer = await context.call("invoice", "order", "pdf", ["id": .string(id), "download": .string(download)])
        return answer.fileResponse ?? ErrorPage.refused(context, answer)
    }
}
