import Kernel
import PluginSDK

/// What a page handler gets: the request, the language, the session and its account, the
/// browser's CSRF key, and the client to call actions with.
struct PageContext: Sendable {
    let request: DashboardRequest
    let language: Language
    let client: DashboardClient
    let session: Session?
    /// The account behind the session, once a page that needs one looked it up.
    var identity: Identity?
    /// The browser's CSRF key (its `isd_csrf` cookie, or the one set with this answer).
    let csrfKey: String
    /// A message left by the previous page (after a redirect).
    let flash: String?
    /// Lifetime of a login token, for the session cookie.
    let tokenLifetimeSeconds: Int64

    /// The text in the page's language.
    func t(_ text: LocalizedText) -> String { text(language) }

    /// A text written in place, in the page's language.
    func t(en: String, zh: String, fa: String) -> String { LocalizedText(en: en, zh: zh, fa: fa)(language) }

    /// The CSRF token of this browser's forms.
    var csrfToken: String { CSRF.token(key: csrfKey, session: session?.cookie) }

    /// The store an admin acts for (the store switch), else the user's store, else 1.
    var storeID: Int64 { identity?.storeID ?? 1 }

    /// Calls an action as the logged-in account.
    func call(_ plugin: String, _ control: String, _ action: String, _ params: JSONObject = [:]) async -> Answer {
        await client.call(plugin, control, action, params, session: session, language: language, request: request)
    }

    /// The time zone the store's people read times in (`invoice/settings/timezone`): the chosen
    /// store's on admin pages, the user's own on customer pages; UTC when the invoice plugin
    /// cannot say.
    func timeZone() async -> TimeZoneRules {
        let answer = await callForStore("invoice", "settings", "timezone")
        return answer.data["time_zone"]?.stringValue.flatMap(TimeZoneRules.named) ?? .utc
    }

    /// Calls an action of an admin page for the chosen store.
    func callForStore(_ plugin: String, _ control: String, _ action: String, _ params: JSONObject = [:]) async -> Answer {
        var values = params
        if values["store_id"] == nil { values["store_id"] = .int(storeID) }
        return await call(plugin, control, action, values)
    }

    /// Redirects (303) to `path`, leaving `message` for the next page.
    func redirect(_ path: String, flash message: String? = nil) -> DashboardResponse {
        var response = DashboardResponse.redirect(path)
        if let message {
            response.headers.append(Cookies.set(Cookies.flash, Cookies.encode(message), maxAge: 60, secure: request.isSecure))
        }
        return response
    }

    /// The answer of an action that changed something: back to `path` with its message (a
    /// refusal's message marked as an error).
    func after(_ answer: Answer, redirect path: String) -> DashboardResponse {
        if answer.needsLogin { return redirect("/login") }
        return redirect(path, flash: answer.ok ? t(CommonText.saved) : Flash.errorMark + answer.message)
    }

    /// Calls an action with the posted form and `extra`: success goes back to `path` with the
    /// message, a refusal goes to `refused` (which shows the form again with it).
    func submit(
        _ plugin: String, _ control: String, _ action: String, adding extra: JSONObject = [:], redirect path: String,
        refused: (Answer) async -> DashboardResponse
    ) async -> DashboardResponse {
        var params = formParams
        for (key, value) in extra { params[key] = value }
        let answer = await call(plugin, control, action, params)
        if answer.ok || answer.needsLogin { return after(answer, redirect: path) }
        return await refused(answer)
    }

    /// Form fields as action parameters: every field but the CSRF token, as text.
    var formParams: JSONObject {
        var values = request.form.values
        values[CSRF.field] = nil
        return values
    }
}

/// A message carried to the next page; one starting with `errorMark` is shown as an error.
enum Flash {
    static let errorMark = "!"

    /// The message as a notice.
    static func notice(_ message: String) -> HTML {
        message.hasPrefix(errorMark) ? Components.notice(String(message.dropFirst()), error: true) : Components.notice(message)
    }
}
