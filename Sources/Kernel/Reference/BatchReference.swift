import PluginSDK

/// The reference's fixed section on batch requests (`/api/plugins/batch`), in every language:
/// the generated index (docs/api/README.md) and `/docs` show it.
public enum BatchReference {
    public static let title = LocalizedText(en: "Batch requests", zh: "批量请求", fa: "درخواست‌های دسته‌ای")

    public static let paragraphs: [LocalizedText] = [
        LocalizedText(
            en: "`POST /api/plugins/batch` (and `/admin/plugins/batch`) runs up to 50 calls (configurable) in one request. The body is "
                + "`{\"calls\": [{\"pluginsname\", \"pluginscontrol\", \"pluginsaction\", \"params\"}, ...], \"atomic\": false}`; common "
                + "parameters (`token`, `lang`, `application`, `application_client_type`) given once at the top level apply to every call.",
            zh: "`POST /api/plugins/batch`（以及 `/admin/plugins/batch`）在一个请求中执行最多 50 个调用（可配置）。请求体为 "
                + "`{\"calls\": [{\"pluginsname\", \"pluginscontrol\", \"pluginsaction\", \"params\"}, ...], \"atomic\": false}`；"
                + "顶层给出的公共参数（`token`、`lang`、`application`、`application_client_type`）适用于每个调用。",
            fa: "`POST /api/plugins/batch` (و `/admin/plugins/batch`) تا ۵۰ فراخوانی (قابل تنظیم) را در یک درخواست اجرا می‌کند. بدنه "
                + "`{\"calls\": [{\"pluginsname\", \"pluginscontrol\", \"pluginsaction\", \"params\"}, ...], \"atomic\": false}` است؛ "
                + "پارامترهای عمومی (`token`، `lang`، `application`، `application_client_type`) که یک بار در سطح بالا آمده‌اند برای همهٔ فراخوانی‌ها به کار می‌روند."),
        LocalizedText(
            en: "The answer is one envelope whose `data` lists each call's own envelope, in order. Each call is authorised on its own, "
                + "exactly as if sent alone. More calls than allowed answer -5000 and run nothing; file answers (PDFs) are not allowed in a batch.",
            zh: "应答是一个信封，其 `data` 按顺序列出每个调用自己的信封。每个调用单独鉴权，与单独发送完全相同。"
                + "调用数超过上限时应答 -5000 且不执行任何调用；批量中不允许文件应答（PDF）。",
            fa: "پاسخ یک پاکت است که `data` آن پاکت هر فراخوانی را به ترتیب فهرست می‌کند. هر فراخوانی جداگانه مجوزدهی می‌شود، درست مانند وقتی "
                + "که تنها فرستاده شود. فراخوانی‌های بیش از حد مجاز -5000 پاسخ می‌دهند و هیچ‌کدام اجرا نمی‌شود؛ پاسخ فایلی (PDF) در دسته مجاز نیست."),
        LocalizedText(
            en: "With `\"atomic\": true` every call runs in one storage transaction: if any call answers a non-zero code, nothing of any "
                + "call is kept (no event or outbox row of theirs survives) and the answer says which call failed. Only actions marked "
                + "transaction-safe may take part (remote plugins may not); others make the batch fail before anything runs.",
            zh: "`\"atomic\": true` 时所有调用在同一个存储事务中执行：任何调用应答非零代码时，所有调用的结果都不保留（其事件和发件箱记录也不保留），"
                + "应答会指出哪个调用失败。只有标记为事务安全的操作可以参与（远程插件不可以）；否则批量在执行前即失败。",
            fa: "با `\"atomic\": true` همهٔ فراخوانی‌ها در یک تراکنش ذخیره‌سازی اجرا می‌شوند: اگر یکی کدی غیر صفر پاسخ دهد، چیزی از هیچ فراخوانی "
                + "نگه داشته نمی‌شود (هیچ رویداد یا ردیف صندوق خروجی آن‌ها نمی‌ماند) و پاسخ می‌گوید کدام فراخوانی ناموفق بود. فقط عملیات‌هایی که "
                + "امن برای تراکنش علامت خورده‌اند می‌توانند شرکت کنند (افزونه‌های راه دور نه)؛ بقیه دسته را پیش از اجرای هر چیزی ناموفق می‌کنند."),
    ]

    /// An example body.
    public static let exampleRequest: JSON = [
        "token": "{{admin_token}}",
        "calls": [
            ["pluginsname": "system", "pluginscontrol": "system", "pluginsaction": "ping", "params": [:]],
            ["pluginsname": "invoice", "pluginscontrol": "merchant", "pluginsaction": "view", "params": ["number": "INV-000001"]],
        ],
        "atomic": false,
    ]

    /// Its answer's shape.
    public static let exampleAnswer: JSON = [
        "msg": "success", "code": 0,
        "data": [
            ["msg": "success", "code": 0, "data": ["pong": true]],
            ["msg": "success", "code": 0, "data": ["id": 1, "number": "INV-000001", "...": "..."]],
        ],
    ]
}
