import PluginSDK

/// The keys the invoice plugin's config may hold and their shapes, checked when an admin saves
/// it (`system/plugin/saveconfig`, `plugin config --set`) and when the server starts with
/// `config/plugins/invoice.json`.
enum InvoiceConfigSchema {
    static let params: [Param] =
        ShopXOConfig.flagKeys.map { .string($0, maxLength: 1, allowed: ["0", "1"], "ShopXO flag: \"1\" on, \"0\" off") }
        + ShopXOConfig.minuteKeys.map { .string($0, maxLength: 9, "Minutes as text, \"\" for no limit") }
        + [
            .array("can_invoice_type", maxCount: 4, "Tax-invoice types offered: \"0\"..\"3\""),
            .array("invoice_content_type", maxCount: ConfigInput.maxEntries, "Invoice content choices"),
            .array("invoice_desc", maxCount: ConfigInput.maxEntries, "Notes shown on the application form"),
            .integer("pdf_cache_bytes", range: 0...(1 << 34), "The PDF cache's budget in bytes, 0 for none"),
            .integer("idempotency_key_hours", range: 0...8_760, "Hours merchant/create keeps an idempotency key (0: not kept past the request)"),
            .integer("attachment_max_bytes", range: 1...(1 << 30), "Largest attachment file in bytes (the request body limit bounds it too)"),
            .integer("attachment_store_max_count", range: 0...1_000_000, "Most attachments a store may keep"),
            .integer("attachment_store_max_bytes", range: 0...(1 << 40), "Most attachment bytes a store may keep in all"),
            .object("store_defaults", "Invoicing settings a store starts with (currency, tax, numbering, gateways)"),
        ]
}
