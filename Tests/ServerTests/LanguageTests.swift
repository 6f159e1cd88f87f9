import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// The language of an answer is decided once per request - `lang`, else the server's
/// `default_lang` - whoever answers: the HTTP adapter (malformed body, 413, 405), the kernel
/// (unknown plugin) or an action (a failed login).
@Suite struct LanguageTests {
    static let echo = "/api/plugins/index?pluginsname=demo&pluginscontrol=demo&pluginsaction=echo"

    @Test func everyRefusalAnswersInTheDefaultLanguage() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.defaultLanguage = "zh"; $0.maxBodyBytes = 1_024 }) { server in
            let json = [("Content-Type", "application/json")]
            let malformed = try await RawHTTP.send(port: server.port, target: Self.echo, headers: json, body: Array("{\"a\":".utf8))
            #expect(malformed.code == -5000)
            #expect(malformed.msg == "请求内容格式错误")

            let large = try await RawHTTP.send(port: server.port, target: Self.echo, headers: json, body: Array(repeating: 0x20, count: 2_048))
            #expect(large.status == 413)
            #expect(large.msg == "请求内容过大")

            let get = try await RawHTTP.send(
                port: server.port, method: "GET", target: "/api/plugins/index?pluginsname=demo&pluginscontrol=note&pluginsaction=count")
            #expect(get.status == 405)
            #expect(get.msg == "此操作仅接受 POST 请求")

            let unknown = try await server.call("nosuch", "a", "b")
            #expect(unknown.code == -10)
            #expect(unknown.msg == "插件 'nosuch' 未安装")

            let login = try await server.call("system", "user", "login", ["accounts": "nobody", "pwd": "wrong"])
            #expect(login.code == -1)
            #expect(login.msg == "账号或密码错误")

            let path = try await RawHTTP.send(port: server.port, target: "/no/such/path")
            #expect(path.status == 404)
            #expect(path.msg == "路径不存在")
        }
    }

    @Test func langWinsOverTheDefault() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.defaultLanguage = "zh" }) { server in
            let malformed = try await RawHTTP.send(
                port: server.port, target: Self.echo + "&lang=fa", headers: [("Content-Type", "application/json")], body: Array("[".utf8))
            #expect(malformed.msg == "بدنهٔ درخواست نامعتبر است")
            let unknown = try await server.call("nosuch", "a", "b", query: "lang=en")
            #expect(unknown.msg == "plugin 'nosuch' is not installed")
        }
    }
}
