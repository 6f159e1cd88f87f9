/// The languages answers are written in. ShopXO clients send `zh`, `cht`, `en`, `spa`, `fr`;
/// Chinese variants map to `zh`, `fa` to Persian, anything else to English.
public enum Language: String, Sendable, CaseIterable {
    case en, zh, fa

    /// The language named by a client's `lang` parameter, or nil when unsupported.
    public init?(parameter: String) {
        switch parameter.lowercased() {
        case "zh", "cht", "zh-cn", "zh_cn", "zh-hans", "zh-tw", "zh-hant": self = .zh
        case "fa", "fa-ir", "fa_ir", "per": self = .fa
        case "en", "en-us", "en_us", "en-gb": self = .en
        default: return nil
        }
    }
}

/// A message in every supported language. Plugins build their own; the kernel's are in
/// `KernelMessages`.
public struct LocalizedText: Sendable, Equatable {
    public let en: String
    public let zh: String
    public let fa: String

    public init(en: String, zh: String, fa: String) {
        self.en = en
        self.zh = zh
        self.fa = fa
    }

    /// The same text in every language (names, codes).
    public init(verbatim text: String) {
        self.init(en: text, zh: text, fa: text)
    }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .en: en
        case .zh: zh
        case .fa: fa
        }
    }
}
