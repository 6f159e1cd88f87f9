import PluginSDK

/// Messages about remote plugins, in English, Chinese and Persian.
enum RemoteMessages {
    /// The remote plugin did not answer in time, could not be reached, or answered garbage (-9999).
    static func failed(_ name: String) -> KernelError {
        KernelError(
            code: .upstreamFailed,
            message: LocalizedText(
                en: "remote plugin '\(name)' did not answer properly, retry later",
                zh: "远程插件 '\(name)' 未正确响应，请稍后重试",
                fa: "افزونهٔ راه دور '\(name)' پاسخ درستی نداد، بعداً دوباره تلاش کنید"))
    }

    /// The name belongs to a compiled-in plugin, a kernel table, or another remote plugin.
    static func nameTaken(_ name: String) -> KernelError {
        KernelError(
            code: .conflict,
            message: LocalizedText(
                en: "plugin name '\(name)' is reserved or already taken",
                zh: "插件名称 '\(name)' 已被保留或占用",
                fa: "نام افزونهٔ '\(name)' رزرو شده یا قبلاً گرفته شده است"))
    }
}
