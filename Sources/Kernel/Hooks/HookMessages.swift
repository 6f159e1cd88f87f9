/// Messages of the hook bus, in English, Chinese and Persian.
enum HookMessages {
    /// A veto handler refused without saying why.
    static func vetoed(by handler: String) -> LocalizedText {
        LocalizedText(
            en: "refused by '\(handler)'", zh: "已被 '\(handler)' 拒绝", fa: "توسط '\(handler)' رد شد")
    }
}
