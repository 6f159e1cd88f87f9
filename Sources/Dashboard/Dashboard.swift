import Kernel
import PluginSDK

/// The web dashboard: server-rendered pages for customers (orders, tax-invoice applications,
/// profile), for merchants and admins (invoices, settings, applications, schedules, deliveries,
/// plugins, accounts) and the hosted invoice page. Every page works by calling plugin actions
/// through `DashboardClient`; the HTTP adapter in `Server` hands requests in and writes answers out.
public struct Dashboard: Sendable {
    let client: DashboardClient
    let defaultLanguage: Language
    let tokenLifetimeSeconds: Int64

    public init(kernel: Kernel, configuration: ServerConfiguration) {
        client = DashboardClient(kernel: kernel)
        defaultLanguage = Language(parameter: configuration.defaultLanguage) ?? .en
        tokenLifetimeSeconds = configuration.tokenLifetimeSeconds
    }

    /// Whether a path belongs to the dashboard (the adapter routes these here).
    public static let pathPrefixes = ["/my", "/manage", "/i", "/assets"]
    /// Single paths of the dashboard (`/docs`: the API reference).
    public static let paths = ["/", "/login", "/logout", "/docs"]

    /// Answers one browser request. Never throws: failures become pages.
    public func handle(_ request: DashboardRequest) async -> DashboardResponse {
        if let asset = Assets.response(for: request.path) { return asset }
        let (language, rememberLanguage) = LanguageChoice.pick(request, fallback: defaultLanguage)
        let existingKey = request.cookies[Cookies.csrf].flatMap { $0.utf8.count == 64 ? $0 : nil }
        let context = PageContext(
            request: request, language: language, client: client,
            session: request.cookies[Cookies.session].flatMap(Session.init(cookie:)), identity: nil,
            csrfKey: existingKey ?? CSRF.newKey(), flash: request.cookies[Cookies.flash].flatMap(Cookies.decode),
            tokenLifetimeSeconds: tokenLifetimeSeconds)

        var response: DashboardResponse
        if request.isPost && !CSRF.isValid(request.form.string(CSRF.field), key: existingKey, session: request.cookies[Cookies.session]) {
            response = ErrorPage.show(context, status: 403, message: context.t(CommonText.formExpired))
        } else {
            response = await DashboardRouter.route(context)
        }

        let secure = request.isSecure
        if existingKey == nil { response.headers.append(Cookies.set(Cookies.csrf, context.csrfKey, maxAge: nil, secure: secure)) }
        if rememberLanguage {
            response.headers.append(Cookies.set(Cookies.language, language.rawValue, maxAge: 365 * 86_400, secure: secure))
        }
        let setsFlash = response.headers.contains { $0.0 == "Set-Cookie" && $0.1.hasPrefix(Cookies.flash + "=") }
        if context.flash != nil && !setsFlash { response.headers.append(Cookies.set(Cookies.flash, "", maxAge: 0, secure: secure)) }
        response.headers += SecurityHeaders.all
        return response
    }
}
