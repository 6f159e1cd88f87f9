import Kernel
import PluginSDK

/// The frame of every page: language and direction on `<html>`, the stylesheet and script
/// (files of this server: no inline script or style), a skip link, the navigation of the
/// logged-in account, the language switch and the flash message.
enum Layout {
    static func page(_ context: PageContext, title: String, _ body: HTML) -> HTML {
        let language = context.language
        let flash: HTML = context.flash.map(Flash.notice) ?? ""
        return """
            <html lang="\(language.rawValue)" dir="\(LanguageChoice.direction(language))">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(context.t(CommonText.brand))</title>
            <link rel="stylesheet" href="\(Assets.stylesheetPath)"><script src="\(Assets.scriptPath)" defer></script></head>
            <body><a class="skip" href="#main">\(context.t(CommonText.skipToContent))</a>
            <header class="top"><a class="brand" href="/">\(context.t(CommonText.brand))</a>\(navigation(context))\(languageSwitch(context))</header>
            <main id="main" tabindex="-1"><h1>\(title)</h1>\(flash)\(body)</main>
            </body></html>
            """
    }

    /// Links for the account kind, and the log-out button.
    private static func navigation(_ context: PageContext) -> HTML {
        guard let identity = context.identity else { return "" }
        let links: [(String, LocalizedText)]
        switch identity.session.kind {
        case .user:
            links = [
                ("/my/orders", CustomerText.orders), ("/my/recharges", CustomerText.recharges),
                ("/my/applications", CustomerText.applications), ("/my/profile", CommonText.profile),
            ]
        case .admin:
            links = ManageText.sections
        }
        let current = context.request.path
        let items = links.map { link -> HTML in
            let here = current == link.0 || current.hasPrefix(link.0 + "/")
            return "<li><a href=\"\(link.0)\"\(here ? " aria-current=\"page\"" : "")>\(context.t(link.1))</a></li>"
        }.joined
        let logout = Components.form(
            context, action: "/logout", classes: "inline",
            "<button type=\"submit\" class=\"link\">\(context.t(CommonText.logout)) (\(identity.name))</button>")
        return "<nav class=\"main-nav\" aria-label=\"\(context.t(CommonText.brand))\"><ul>\(items)</ul>\(logout)</nav>"
    }

    /// English, 中文, فارسی: links to the same page in another language.
    private static func languageSwitch(_ context: PageContext) -> HTML {
        let names: [(Language, String)] = [(.en, "English"), (.zh, "中文"), (.fa, "فارسی")]
        var query = context.request.query.values
        let items = names.map { language, name -> HTML in
            query["lang"] = .string(language.rawValue)
            let href = context.request.path + "?" + QueryText.encode(query)
            let current: HTML = language == context.language ? " aria-current=\"true\"" : ""
            return "<li><a href=\"\(href)\" hreflang=\"\(language.rawValue)\" lang=\"\(language.rawValue)\"\(current)>\(name)</a></li>"
        }.joined
        return "<nav class=\"languages\" aria-label=\"\(context.t(CommonText.language))\"><ul>\(items)</ul></nav>"
    }
}
