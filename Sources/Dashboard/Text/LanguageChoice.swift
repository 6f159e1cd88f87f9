import Kernel
import PluginSDK

/// The language of a page: `?lang=` (the switch; remembered in a cookie), else the cookie, else
/// the browser's Accept-Language (by quality), else the server's `default_lang`.
enum LanguageChoice {
    static func pick(_ request: DashboardRequest, fallback: Language) -> (language: Language, remember: Bool) {
        if let asked = request.query.string("lang").flatMap(Language.init(parameter:)) { return (asked, true) }
        if let saved = request.cookies[Cookies.language].flatMap(Language.init(parameter:)) { return (saved, false) }
        if let header = request.headers["accept-language"], let preferred = preferred(header) { return (preferred, false) }
        return (fallback, false)
    }

    /// The supported language the header ranks highest (`fa-IR;q=0.9, en;q=0.8`).
    static func preferred(_ header: String) -> Language? {
        var best: (language: Language, quality: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let tag = parts.first?.trimmingSpaces(), !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingSpaces()
                if pair.hasPrefix("q="), let value = Double(pair.dropFirst(2)) { quality = value }
            }
            let base = tag.split(separator: "-").first.map(String.init) ?? tag
            guard quality > 0, let language = Language(parameter: tag) ?? Language(parameter: base) else { continue }
            if best == nil || quality > best!.quality { best = (language, quality) }
        }
        return best?.language
    }

    /// Writing direction.
    static func direction(_ language: Language) -> String { language == .fa ? "rtl" : "ltr" }
}
