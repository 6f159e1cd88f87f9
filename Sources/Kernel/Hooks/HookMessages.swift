import PluginSDK

/// Messages of the hook bus, in English, Chinese and Persian.
enum HookMessages {
    /// A veto handler refused without saying why.
    static func vetoed(by handler: String) -> LocalizedText {
        LocalizedText(en: "refused by '\(handler)'", zh: "已被 '\(handler)' 拒绝", fa: "توسط '\(handler)' رد شد")
    }

    /// Nobody enabled offers the service.
    static func serviceUnavailable(_ name: String) -> LocalizedText {
        LocalizedText(
            en: "service '\(name)' is not available (its plugin is missing or disabled)",
            zh: "服务 '\(name)' 不可用（其插件未安装或已禁用）",
            fa: "سرویس '\(name)' در دسترس نیست (افزونهٔ آن نصب یا فعال نیست)")
    }
}
