import PluginSDK

/// Every label the ShopXO actions show: status, business, applicant and invoice type names,
/// status tabs, list columns. In English, Chinese and Persian; chosen by the request's language.
enum ShopXOLabels {
    static let all = LocalizedText(en: "All", zh: "全部", fa: "همه")

    static func status(_ status: ApplicationStatus) -> LocalizedText {
        switch status {
        case .pending: LocalizedText(en: "Pending review", zh: "待审核", fa: "در انتظار بررسی")
        case .toBeIssued: LocalizedText(en: "To be issued", zh: "待开票", fa: "در انتظار صدور")
        case .issued: LocalizedText(en: "Issued", zh: "已开票", fa: "صادر شده")
        case .refused: LocalizedText(en: "Refused", zh: "已拒绝", fa: "رد شده")
        case .closed: LocalizedText(en: "Closed", zh: "已关闭", fa: "بسته شده")
        }
    }

    static func business(_ kind: InvoiceKind) -> LocalizedText {
        switch kind {
        case .order: LocalizedText(en: "Order", zh: "订单", fa: "سفارش")
        case .recharge: LocalizedText(en: "Recharge", zh: "充值", fa: "شارژ کیف پول")
        }
    }

    /// The entry offering to invoice a kind of business (`invoice_business_list[].name`).
    static func businessEntry(_ kind: InvoiceKind) -> LocalizedText {
        switch kind {
        case .order: LocalizedText(en: "Invoice my orders", zh: "订单发票", fa: "فاکتور سفارش‌ها")
        case .recharge: LocalizedText(en: "Invoice my recharges", zh: "充值发票", fa: "فاکتور شارژها")
        }
    }

    /// "2 orders in total": what a new application covers.
    static func businessCount(_ kind: InvoiceKind, _ count: Int) -> LocalizedText {
        switch kind {
        case .order: LocalizedText(en: "\(count) order(s) in total", zh: "共 \(count) 个订单", fa: "در مجموع \(count) سفارش")
        case .recharge: LocalizedText(en: "\(count) recharge(s) in total", zh: "共 \(count) 笔充值", fa: "در مجموع \(count) شارژ")
        }
    }

    static func applyType(_ type: ApplyType) -> LocalizedText {
        switch type {
        case .personal: LocalizedText(en: "Individual", zh: "个人", fa: "شخص حقیقی")
        case .enterprise: LocalizedText(en: "Company", zh: "企业", fa: "شخص حقوقی (شرکت)")
        }
    }

    static func invoiceType(_ type: TaxInvoiceType) -> LocalizedText {
        switch type {
        case .normalElectronic:
            LocalizedText(en: "VAT normal e-invoice", zh: "增值税普通电子发票", fa: "فاکتور الکترونیکی عادی ارزش افزوده")
        case .normalPaper:
            LocalizedText(en: "VAT normal paper invoice", zh: "增值税普通纸质发票", fa: "فاکتور کاغذی عادی ارزش افزوده")
        case .specialPaper:
            LocalizedText(en: "VAT special paper invoice", zh: "增值税专用纸质发票", fa: "فاکتور کاغذی ویژهٔ ارزش افزوده")
        case .specialElectronic:
            LocalizedText(en: "VAT special e-invoice", zh: "增值税专用电子发票", fa: "فاکتور الکترونیکی ویژهٔ ارزش افزوده")
        }
    }

    /// A gateway's name as shown to users (`payment_name`).
    static func payment(_ gateway: String?) -> LocalizedText {
        switch gateway {
        case nil: LocalizedText(verbatim: "")
        case "stripe": LocalizedText(verbatim: "Stripe")
        case "paypal": LocalizedText(verbatim: "PayPal")
        case "balance": LocalizedText(en: "Account balance", zh: "余额支付", fa: "موجودی حساب")
        case let other?: LocalizedText(verbatim: other)
        }
    }

    /// The choices of an audit.
    static let approve = LocalizedText(en: "Approve", zh: "通过", fa: "تأیید")
    static let refuse = LocalizedText(en: "Refuse", zh: "拒绝", fa: "رد")

    /// The columns of an application (user and admin lists, details).
    static let applicationFields: [(String, LocalizedText)] = [
        ("apply_type_name", LocalizedText(en: "Applicant type", zh: "申请类型", fa: "نوع متقاضی")),
        ("invoice_type_name", LocalizedText(en: "Invoice type", zh: "发票类型", fa: "نوع فاکتور")),
        ("status_name", LocalizedText(en: "Status", zh: "状态", fa: "وضعیت")),
        ("total_price", LocalizedText(en: "Invoice amount", zh: "开票金额", fa: "مبلغ فاکتور")),
        ("business_type_name", LocalizedText(en: "Billed for", zh: "开票业务", fa: "بابت")),
        ("invoice_content", LocalizedText(en: "Invoice content", zh: "发票内容", fa: "شرح فاکتور")),
        ("invoice_title", LocalizedText(en: "Invoice title", zh: "发票抬头", fa: "عنوان فاکتور")),
        ("invoice_code", LocalizedText(en: "Taxpayer ID", zh: "纳税人识别号", fa: "شناسهٔ مالیاتی")),
        ("invoice_bank", LocalizedText(en: "Bank", zh: "开户银行", fa: "بانک")),
        ("invoice_account", LocalizedText(en: "Bank account", zh: "银行账号", fa: "شمارهٔ حساب بانکی")),
        ("invoice_tel", LocalizedText(en: "Company phone", zh: "企业电话", fa: "تلفن شرکت")),
        ("invoice_address", LocalizedText(en: "Registered address", zh: "注册地址", fa: "نشانی ثبتی شرکت")),
        ("name", LocalizedText(en: "Recipient", zh: "收件人", fa: "نام گیرنده")),
        ("tel", LocalizedText(en: "Recipient phone", zh: "收件人电话", fa: "تلفن گیرنده")),
        ("address", LocalizedText(en: "Mailing address", zh: "收件地址", fa: "نشانی پستی")),
        ("email", LocalizedText(en: "Email", zh: "电子邮箱", fa: "ایمیل")),
        ("refuse_reason", LocalizedText(en: "Reason for refusal", zh: "驳回原因", fa: "دلیل رد")),
        ("user_note", LocalizedText(en: "Note", zh: "备注", fa: "یادداشت")),
        ("express_name", LocalizedText(en: "Courier", zh: "快递公司", fa: "شرکت پست")),
        ("express_number", LocalizedText(en: "Tracking number", zh: "快递单号", fa: "کد رهگیری مرسوله")),
        ("add_time", LocalizedText(en: "Applied at", zh: "申请时间", fa: "زمان درخواست")),
        ("upd_time", LocalizedText(en: "Updated at", zh: "修改时间", fa: "زمان ویرایش")),
    ]

    /// The columns of an order row.
    static let orderFields: [(String, LocalizedText)] = [
        ("order_no", LocalizedText(en: "Order number", zh: "订单编号", fa: "شمارهٔ سفارش")),
        ("total_price", LocalizedText(en: "Order total", zh: "订单总额", fa: "جمع سفارش")),
        ("pay_price", LocalizedText(en: "Amount paid", zh: "实付金额", fa: "مبلغ پرداختی")),
        ("price", LocalizedText(en: "Goods amount", zh: "商品金额", fa: "مبلغ کالاها")),
        ("refund_price", LocalizedText(en: "Refunded", zh: "退款金额", fa: "مبلغ بازپرداخت")),
        ("buy_number_count", LocalizedText(en: "Items", zh: "商品件数", fa: "تعداد اقلام")),
        ("add_time", LocalizedText(en: "Ordered at", zh: "下单时间", fa: "زمان سفارش")),
    ]

    /// The columns of a recharge row.
    static let rechargeFields: [(String, LocalizedText)] = [
        ("recharge_no", LocalizedText(en: "Recharge number", zh: "充值编号", fa: "شمارهٔ شارژ")),
        ("money", LocalizedText(en: "Recharge amount", zh: "充值金额", fa: "مبلغ شارژ")),
        ("pay_money", LocalizedText(en: "Amount paid", zh: "实付金额", fa: "مبلغ پرداختی")),
        ("payment_name", LocalizedText(en: "Payment method", zh: "支付方式", fa: "روش پرداخت")),
        ("pay_time", LocalizedText(en: "Paid at", zh: "付款时间", fa: "زمان پرداخت")),
        ("add_time", LocalizedText(en: "Created at", zh: "创建时间", fa: "زمان ایجاد")),
    ]

    /// The label of an application field, for messages naming it.
    static func field(_ name: String) -> LocalizedText {
        applicationFields.first { $0.0 == name }?.1 ?? LocalizedText(verbatim: name)
    }

    /// ShopXO's `field_list`: `[{name, field, type}]`.
    static func fieldList(_ fields: [(String, LocalizedText)], _ language: Language) -> [JSON] {
        fields.map { field, label in ["name": .string(label(language)), "field": .string(field), "type": "field"] }
    }

    /// `[{id, name}]` choices, ids as numbers (ShopXO clients compare them strictly).
    static func choices<T: RawRepresentable>(_ values: [T], _ language: Language, _ label: (T) -> LocalizedText) -> JSON
    where T.RawValue == Int64 {
        .array(values.map { ["id": .int($0.rawValue), "name": .string(label($0)(language))] })
    }
}
