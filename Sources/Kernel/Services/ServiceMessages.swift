/// Messages about kernel services, in every supported language.
enum ServiceMessages {
    static func unavailable(_ name: String) -> LocalizedText {
        LocalizedText(
            en: "service '\(name)' is not available (its plugin is missing or disabled)",
            zh: "服务 '\(name)' 不可用（其插件未安装或已禁用）",
            fa: "سرویس '\(name)' در دسترس نیست (افزونهٔ آن نصب یا فعال نیست)")
    }
}
