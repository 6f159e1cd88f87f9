import PluginSDK

/// Words of the API reference page (`/docs`).
enum ReferenceText {
    static let title = LocalizedText(en: "API reference", zh: "API 参考", fa: "مرجع API")
    static let intro = LocalizedText(
        en: "Every action of every enabled plugin, from the route tables. Each is a POST with JSON, form or multipart parameters and "
            + "answers one envelope `{msg, code, data}`. The same reference is in the repository's docs/api (with example answers) and "
            + "as a Postman collection; the OpenAPI document is at `/api/openapi.json`.",
        zh: "来自路由表的每个已启用插件的每个操作。每个操作都是带 JSON、表单或 multipart 参数的 POST 请求，应答一个信封 `{msg, code, data}`。"
            + "同样的参考在代码仓库的 docs/api 中（带示例应答），也有 Postman 集合；OpenAPI 文档位于 `/api/openapi.json`。",
        fa: "همهٔ عملیات‌های همهٔ افزونه‌های فعال، از جدول‌های مسیر. هر کدام یک POST با پارامترهای JSON، فرم یا multipart است و یک پاکت "
            + "`{msg, code, data}` پاسخ می‌دهد. همین مرجع در docs/api مخزن (با پاسخ‌های نمونه) و به شکل مجموعهٔ Postman هست؛ سند OpenAPI در `/api/openapi.json` است.")
    static let plugins = LocalizedText(en: "Plugins", zh: "插件", fa: "افزونه‌ها")
    static let action = LocalizedText(en: "Action", zh: "操作", fa: "عملیات")
    static let access = LocalizedText(en: "Access", zh: "访问权限", fa: "دسترسی")
    static let summary = LocalizedText(en: "What it does", zh: "说明", fa: "کاربرد")
    static let path = LocalizedText(en: "Path", zh: "路径", fa: "مسیر")
    static let otherForms = LocalizedText(en: "Also at", zh: "其他形式", fa: "شکل‌های دیگر")
    static let answers = LocalizedText(en: "Answers", zh: "应答", fa: "پاسخ")
    static let envelope = LocalizedText(en: "an envelope", zh: "一个信封", fa: "یک پاکت")
    static func file(_ type: String) -> LocalizedText {
        LocalizedText(en: "a file (\(type)), or an envelope for an error", zh: "一个文件（\(type)），出错时为信封", fa: "یک فایل (\(type))، یا پاکت برای خطا")
    }
    static let parameters = LocalizedText(en: "Parameters", zh: "参数", fa: "پارامترها")
    static let noParameters = LocalizedText(en: "None besides the common ones.", zh: "除公共参数外无其他参数。", fa: "جز پارامترهای عمومی، هیچ.")
    static let name = LocalizedText(en: "Name", zh: "名称", fa: "نام")
    static let type = LocalizedText(en: "Type", zh: "类型", fa: "نوع")
    static let required = LocalizedText(en: "Required", zh: "必填", fa: "الزامی")
    static let limits = LocalizedText(en: "Allowed values, limits", zh: "允许值与限制", fa: "مقادیر مجاز، محدودیت‌ها")
    static let description = LocalizedText(en: "Description", zh: "描述", fa: "توضیح")
    static let example = LocalizedText(en: "Example request", zh: "示例请求", fa: "درخواست نمونه")
    static let errors = LocalizedText(en: "Error codes", zh: "错误码", fa: "کدهای خطا")
    static let code = LocalizedText(en: "Code", zh: "代码", fa: "کد")
    static let when = LocalizedText(en: "When", zh: "何时", fa: "چه وقت")
    static let meaning = LocalizedText(en: "Meaning", zh: "含义", fa: "معنا")
    static let codeTable = LocalizedText(en: "Error code comparison table", zh: "错误码对照表", fa: "جدول مقایسهٔ کدهای خطا")
    static let exampleAnswer = LocalizedText(en: "answers", zh: "应答", fa: "پاسخ می‌دهد")
    static func unknownPlugin(_ name: String) -> LocalizedText {
        LocalizedText(en: "No enabled plugin is named '\(name)'.", zh: "没有名为 '\(name)' 的已启用插件。", fa: "افزونهٔ فعالی به نام '\(name)' نیست.")
    }
}
