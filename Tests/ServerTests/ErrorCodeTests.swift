import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct ErrorCodeTests {
    @Test func unknownPluginAnswersMinus10() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await server.call("nosuch", "a", "b")
            #expect(answer.status == 200)
            #expect(answer.code == -10)
            #expect(answer.msg == "plugin 'nosuch' is not installed")
        }
    }

    @Test func disabledPluginAnswersMinus11AndEnabledAgainAnswers() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let registry = server.kernel.access.registry
            try await registry.setEnabled("demo", false, clock: server.kernel.access.clock)
            #expect(try await server.call("demo", "demo", "echo").code == -11)
            try await registry.setEnabled("demo", true, clock: server.kernel.access.clock)
            #expect(try await server.call("demo", "demo", "echo").code == 0)
        }
    }

    @Test func unknownActionAnswersMinus1NamingIt() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await server.call("demo", "demo", "nothing")
            #expect(answer.code == -1)
            #expect(answer.msg == "plugin 'demo' has no action 'demo/nothing'")
        }
    }

    @Test(arguments: [
        ("", "missing parameter 'pluginsname'"),
        ("pluginsname=../etc", "malformed parameter 'pluginsname'"),
        ("pluginsname=Demo", "malformed parameter 'pluginsname'"),
        ("pluginsname=" + String(repeating: "a", count: 61), "malformed parameter 'pluginsname'"),
        ("pluginsname=d%C3%A9mo", "malformed parameter 'pluginsname'"),
        ("pluginsname=", "missing parameter 'pluginsname'"),
        ("pluginsname=demo%00", "malformed parameter 'pluginsname'"),
        ("pluginsname=demo&pluginscontrol=de mo", "malformed parameter 'pluginscontrol'"),
        ("pluginsname=demo&pluginscontrol=demo", "missing parameter 'pluginsaction'"),
        ("pluginsname=demo&pluginscontrol=demo&pluginsaction=ECHO", "malformed parameter 'pluginsaction'"),
    ])
    func malformedRoutingNamesAnswerMinus5000BeforeAnyLookup(query: String, message: String) async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(port: server.port, target: "/api/plugins/index?" + query.replacingOccurrences(of: " ", with: "%20"))
            #expect(answer.code == -5000)
            #expect(answer.msg == message)
        }
    }

    @Test func routingNamesInTheBodyAreCheckedToo() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(
                port: server.port, target: "/api/plugins/index", headers: [("Content-Type", "application/json")],
                body: (["pluginsname": "../../etc/passwd", "pluginscontrol": "x", "pluginsaction": "y"] as JSON).serialized())
            #expect(answer.code == -5000)
        }
    }

    @Test func unexpectedErrorsAnswerInternalErrorWithARequestIDAndNoDetail() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await server.call("demo", "fail", "boom", headers: [("X-Request-Id", "trace-123")])
            #expect(answer.code == -1)
            #expect(answer.msg == "internal error")
            #expect(answer.data?["request_id"] == "trace-123")
            #expect(answer.headers["x-request-id"] == "trace-123")
            #expect(!answer.text.contains("SELECT"))
            #expect(!answer.text.contains("/var/lib"))
            #expect(!answer.text.contains(".swift"))
        }
    }

    @Test func messagesFollowTheLanguageParameter() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            var messages: [String: String] = [:]
            for lang in ["zh", "cht", "fa", "fr"] {
                messages[lang] = try await server.call("nosuch", "a", "b", query: "lang=\(lang)").msg
            }
            #expect(messages["zh"] == "插件 'nosuch' 未安装")
            #expect(messages["cht"] == "插件 'nosuch' 未安装")
            #expect(messages["fa"] == "افزونهٔ 'nosuch' نصب نیست")
            #expect(messages["fr"] == "plugin 'nosuch' is not installed")
            let login = try await server.call("demo", "note", "count", query: "lang=zh")
            #expect(login.msg == "请先登录")
        }
    }

    @Test func malformedBodiesAnswerMinus5000() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let target = "/api/plugins/index?pluginsname=demo&pluginscontrol=demo&pluginsaction=echo"
            let cases: [(String, [UInt8])] = [
                ("application/json", Array("{\"a\":".utf8)),
                ("application/json", Array("[1,2]".utf8)),
                ("application/json", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D]),
                ("application/x-www-form-urlencoded", Array("a=%ZZ".utf8)),
                ("application/x-www-form-urlencoded", [0x61, 0x3D, 0xC3]),
                ("application/xml", Array("<a/>".utf8)),
                ("multipart/form-data", Array("--x\r\n".utf8)),
            ]
            for (contentType, body) in cases {
                let answer = try await RawHTTP.send(port: server.port, target: target, headers: [("Content-Type", contentType)], body: body)
                #expect(answer.status == 200, "\(contentType)")
                #expect(answer.code == -5000, "\(contentType): \(answer.text)")
            }
            let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            let answer = try await RawHTTP.send(
                port: server.port, target: target, headers: [("Content-Type", "application/json")], body: Array(("{\"a\":" + deep + "}").utf8))
            #expect(answer.code == -5000)
        }
    }
}
