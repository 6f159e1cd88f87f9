import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// The dashboard over real HTTP without a browser: redirects, security headers, cookies, CSRF,
/// escaping and language choice. The flows in a real browser are in Tests/Browser.
@Suite struct DashboardHTTPTests {
    /// A browser's cookies and the requests it makes.
    final class Browser: @unchecked Sendable {
        let port: Int
        var cookies: [String: String] = [:]
        init(port: Int) { self.port = port }

        func get(_ path: String, headers: [(String, String)] = []) async throws -> HTTPResult {
            remember(try await RawHTTP.send(port: port, method: "GET", target: path, headers: headers + cookieHeader))
        }

        func post(_ path: String, _ fields: [(String, String)], headers: [(String, String)] = []) async throws -> HTTPResult {
            let body = fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
            return remember(
                try await RawHTTP.send(
                    port: port, target: path, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers + cookieHeader,
                    body: Array(body.utf8)))
        }

        /// The CSRF token of the first form on a page.
        func csrf(_ page: HTTPResult) throws -> String {
            let marker = "name=\"_csrf\" value=\""
            let range = try #require(page.text.range(of: marker))
            return String(page.text[range.upperBound...].prefix(64))
        }

        private var cookieHeader: [(String, String)] {
            cookies.isEmpty ? [] : [("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))]
        }

        private func remember(_ result: HTTPResult) -> HTTPResult {
            for line in result.setCookies {
                let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if line.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair.count > 1 ? pair[1] : "" }
            }
            return result
        }

        private func escape(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
        }
    }

    @Test func pagesCarryAStrictContentSecurityPolicyAndNoInlineScript() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let browser = Browser(port: server.port)
            let root = try await browser.get("/")
            #expect(root.status == 303)
            #expect(root.headers["location"] == "/login")
            let login = try await browser.get("/login")
            #expect(login.status == 200)
            let policy = try #require(login.headers["content-security-policy"])
            #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(login.headers["x-frame-options"] == "DENY")
            #expect(!login.text.contains("<script>") && !login.text.contains("style=") && !login.text.contains(" on"))
            let scriptPath = try #require(
                login.text.range(of: "<script src=\"").map { String(login.text[$0.upperBound...].prefix { $0 != "\"" }) })
            let script = try await browser.get(scriptPath)
            #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(
                root.setCookies.contains {
                    $0.hasPrefix("isd_csrf=") && $0.contains("HttpOnly") && $0.contains("SameSite=Lax") && !$0.contains("Secure")
                })
            #expect(try await browser.get("/my/orders").headers["location"] == "/login?next=%2Fmy%2Forders")
            #expect(try await browser.get("/nosuch").status == 404)
        }
    }

    @Test func aFormPostedWithoutItsCSRFTokenIsRefusedAndWithItLogsIn() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            _ = try await server.user("ann", password: "ann-password")
            let browser = Browser(port: server.port)
            let page = try await browser.get("/login")
            let fields = [("kind", "user"), ("accounts", "ann"), ("pwd", "ann-password")]
            let missing = try await browser.post("/login", fields)
            #expect(missing.status == 403)
            #expect(missing.setCookies.allSatisfy { !$0.hasPrefix("isd_session=") })
            let forged = try await browser.post("/login", fields + [("_csrf", String(repeating: "a", count: 64))])
            #expect(forged.status == 403)
            let stranger = Browser(port: server.port)
            _ = try await stranger.get("/login")
            #expect(
                try await stranger.post("/login", fields + [("_csrf", try browser.csrf(page))]).status == 403,
                "a token is good for its own browser only")

            let wrong = try await browser.post(
                "/login", [("kind", "user"), ("accounts", "ann"), ("pwd", "nope"), ("_csrf", try browser.csrf(page))])
            #expect(wrong.status == 422)
            #expect(wrong.text.contains("wrong account or password"))
            let loggedIn = try await browser.post("/login", fields + [("_csrf", try browser.csrf(page))])
            #expect(loggedIn.status == 303)
            #expect(loggedIn.headers["location"] == "/my/orders")
            let session = try #require(loggedIn.setCookies.first { $0.hasPrefix("isd_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax"))
            #expect(try await browser.get("/my/orders").status == 200)
            #expect(try await browser.get("/manage/invoices").headers["location"]?.hasPrefix("/login") == true, "a customer is no admin")
        }
    }

    @Test func cookiesAreSecureWhenATrustedProxySaysTheRequestCameOverTLS() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.trustedProxies = ["127.0.0.1"] }) { server in
            let proxied = try await Browser(port: server.port).get("/login", headers: [("X-Forwarded-Proto", "https")])
            #expect(proxied.setCookies.allSatisfy { $0.contains("; Secure") })
            let plain = try await Browser(port: server.port).get("/login")
            #expect(plain.setCookies.allSatisfy { !$0.contains("Secure") })
        }
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let untrusted = try await Browser(port: server.port).get("/login", headers: [("X-Forwarded-Proto", "https")])
            #expect(untrusted.setCookies.allSatisfy { !$0.contains("Secure") })
        }
    }

    @Test func textFromAccountsIsEscapedAndPersianPagesAreRightToLeft() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            _ = try await server.user("<img src=x onerror=alert(1)>", password: "xss-password")
            let browser = Browser(port: server.port)
            let page = try await browser.get("/login", headers: [("Accept-Language", "fa-IR,fa;q=0.9,en;q=0.8")])
            #expect(page.text.contains("<html lang=\"fa\" dir=\"rtl\">"))
            _ = try await browser.post(
                "/login",
                [
                    ("kind", "user"), ("accounts", "<img src=x onerror=alert(1)>"), ("pwd", "xss-password"),
                    ("_csrf", try browser.csrf(page)),
                ])
            let orders = try await browser.get("/my/profile?lang=zh")
            #expect(orders.text.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(!orders.text.contains("<img src=x"))
            #expect(orders.text.contains("<html lang=\"zh\" dir=\"ltr\">"))
            #expect(try await browser.get("/my/profile").text.contains("lang=\"zh\""), "the switch is remembered")
        }
    }
}
