import PluginSDK

/// The plugin's config: ShopXO's invoice keys (values as strings, as ShopXO answers them) and
/// `store_defaults` for invoicing settings, `pdf_cache_bytes` (the PDF cache's budget, 0 for none)
/// `idempotency_key_hours` (how long `merchant/create` keeps an idempotency key) and the attachment
/// limits (`AttachmentLimits`). Shipped in `config/plugins/invoice.json`.
enum InvoiceConfig {
    static let defaults: JSON = [
        "is_invoice_order": "1",
        "is_invoice_recharge": "1",
        "is_order_submit_invoice": "1",
        "order_success_start_time": "",
        "order_add_max_time": "525600",
        "recharge_add_max_time": "525600",
        "can_invoice_type": ["0", "1", "2", "3"],
        "invoice_content_type": ["商品明细", "商品类别"],
        "invoice_desc": ["发票将在审核通过后开具", "电子发票发送到邮箱"],
        "is_user_quick_select": "1",
        "is_app_invoice_default_last_info": "0",
        "is_web_invoice_default_last_info": "0",
        "pdf_cache_bytes": 33_554_432,
        "idempotency_key_hours": 24,
        "attachment_max_bytes": .int(AttachmentLimits.defaultFileBytes),
        "attachment_store_max_count": .int(AttachmentLimits.defaultStoreCount),
        "attachment_store_max_bytes": .int(AttachmentLimits.defaultStoreBytes),
        "store_defaults": [
            "currency": "CNY",
            "tax_rate_bp": 0,
            "tax_inclusive": true,
            "number_pattern": "INV-{YYYY}-{SEQ:6}",
            "yearly_reset": true,
            "real_money_gateways": ["stripe", "paypal"],
            "store_name": "",
            "store_address": "",
            "pdf_language": "",
            "pdf_calendar": "",
        ],
    ]
}
