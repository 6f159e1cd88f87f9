import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct DeclaredParamsTests {
    @Test func declaredParametersAreCheckedBeforeTheHandlerAfterAuth() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let anonymous = try await server.call("demo", "note", "add")
            #expect(anonymous.code == -400)
            let (_, token) = try await server.user("checker")
            let missing = try await server.call("demo", "note", "add", token: token)
            #expect(missing.code == -5000)
            #expect(missing.msg == "missing parameter 'text'")
            let tooLong = try await server.call("demo", "note", "add", ["text": .string(String(repeating: "é", count: 1_001))], token: token)
            #expect(tooLong.msg == "parameter 'text' is longer than 1000 bytes")
            let outOfRange = try await server.call("demo", "slow", "wait", ["ms": 60_000])
            #expect(outOfRange.msg == "parameter 'ms' must be between 0 and 5000")
            let malformed = try await server.call("demo", "slow", "wait", ["ms": "soon"])
            #expect(malformed.msg == "malformed parameter 'ms'")
            let count = try await server.kernel.access.storage.read { db in try db.scalar("SELECT COUNT(*) FROM demo_notes").int }
            #expect(count == 0)
        }
    }

    @Test func thePathFormCallsTheSameActionAndItsNamesWin() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(
                port: server.port, target: "/api/plugins/demo/demo/echo?pluginsname=system&x=1",
                headers: [("Content-Type", "application/json")], body: Array(#"{"y":2}"#.utf8))
            #expect(answer.code == 0)
            #expect(answer.data?["x"] == "1")
            #expect(answer.data?["y"] == 2)
            let bad = try await RawHTTP.send(port: server.port, target: "/api/plugins/Demo/demo/echo")
            #expect(bad.code == -5000)
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryRouteWithItsAccessAndParameters() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(port: server.port, method: "GET", target: "/api/openapi.json")
            #expect(answer.status == 200)
            let document = answer.json
            #expect(document["openapi"] == "3.1.0")
            let add = document["paths"]?["/api/plugins/demo/note/add"]?["post"]
            #expect(add?["x-access"] == "user")
            #expect(add?["requestBody"]?["content"]?["application/json"]?["schema"]?["required"] == ["text"])
            #expect(add?["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?["text"]?["maxLength"] == 1_000)
            let stats = document["paths"]?["/admin/plugins/demo/stats/index"]?["post"]
            #expect(stats?["x-permission"] == "demo.stats.index")
            #expect(document["paths"]?["/api/plugins/demo/demo/echo"]?["get"] != nil)
            #expect(document["paths"]?["/api/plugins/system/user/login"] != nil)
        }
    }
}
