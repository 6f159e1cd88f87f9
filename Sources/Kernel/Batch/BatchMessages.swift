import PluginSDK

/// The messages batch requests answer with, in English, Chinese and Persian.
enum BatchMessages {
    static let fileInBatch = LocalizedText(
        en: "this action answers a file and cannot run inside a batch",
        zh: "此操作返回文件，不能在批量请求中调用",
        fa: "این عملیات فایل برمی‌گرداند و در درخواست دسته‌ای اجرا نمی‌شود")

    static func callCount(max: Int) -> LocalizedText {
        LocalizedText(
            en: "calls must be an array of 1 to \(max) calls", zh: "calls 必须是包含 1 到 \(max) 个调用的数组",
            fa: "calls باید آرایه‌ای از 1 تا \(max) فراخوانی باشد")
    }

    static func tooManyCalls(_ count: Int, max: Int) -> LocalizedText {
        LocalizedText(
            en: "a batch may carry at most \(max) calls, this one has \(count); nothing was run",
            zh: "批量请求最多 \(max) 个调用，本次有 \(count) 个；未执行任何调用",
            fa: "هر درخواست دسته‌ای حداکثر \(max) فراخوانی دارد و این یکی \(count) دارد؛ هیچ فراخوانی اجرا نشد")
    }

    static func callNotObject(_ index: Int) -> LocalizedText {
        LocalizedText(
            en: "calls[\(index)] must be an object with pluginsname, pluginscontrol, pluginsaction and params",
            zh: "calls[\(index)] 必须是包含 pluginsname、pluginscontrol、pluginsaction 和 params 的对象",
            fa: "calls[\(index)] باید شیئی با pluginsname، pluginscontrol، pluginsaction و params باشد")
    }

    static func unknownCallKey(_ index: Int, _ key: String) -> LocalizedText {
        LocalizedText(
            en: "calls[\(index)] has an unknown key '\(key)' (a call's parameters go in its params)",
            zh: "calls[\(index)] 含有未知的键 '\(key)'（调用的参数应放在 params 中）",
            fa: "calls[\(index)] کلید ناشناختهٔ '\(key)' دارد (پارامترهای هر فراخوانی در params می‌آیند)")
    }

    static func nestedBatch(_ index: Int) -> LocalizedText {
        LocalizedText(
            en: "calls[\(index)] is itself a batch; batches cannot nest",
            zh: "calls[\(index)] 本身是批量请求，批量请求不能嵌套",
            fa: "calls[\(index)] خودش یک درخواست دسته‌ای است؛ دسته‌ها تودرتو نمی‌شوند")
    }

    static func notTransactionSafe(_ route: String) -> LocalizedText {
        LocalizedText(
            en: "\(route) cannot take part in an atomic batch (it is not transaction-safe)",
            zh: "\(route) 不能参与原子批量请求（不支持事务）",
            fa: "\(route) نمی‌تواند در دستهٔ اتمی شرکت کند (ایمن در تراکنش نیست)")
    }

    static func atomicFailed(_ index: Int, _ message: String) -> LocalizedText {
        LocalizedText(
            en: "calls[\(index)] failed, so nothing of this batch was kept: \(message)",
            zh: "calls[\(index)] 失败，本批量请求的所有更改均未保存：\(message)",
            fa: "calls[\(index)] ناموفق بود و هیچ تغییری از این دسته ذخیره نشد: \(message)")
    }
}
