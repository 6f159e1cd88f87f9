import Foundation
import InvoiceServerCLI
import Kernel
import PluginSDK
import TestSupport
import Testing

/// Issue 14, "the API as documented": declared parameters, merchant key errors, request heads
/// and stalled bodies.
@Suite struct APIAsDocumentedTests {
    @Test func anActionReadingAParameterItsRouteDoesNotDeclareFails() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let declared = try await server.call("demo", "demo", "sneaky", ["declared": "yes"])
            #expect(declared.code == -1)
            #expect(declared.msg == "demo/demo/sneaky read undeclared parameters: undeclared")
        }
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.checkDeclaredParams = false }) { server in
            let shipped = try await server.call("demo", "demo", "sneaky", ["declared": "yes", "undeclared": "no"])
            #expect(shipped.code == 0, "the check is for tests and development; it is off by default")
        }
    }

    @Test func theOrderListDeclaresItsFiltersInTheOpenAPIDocument() async throws {
        try await TestServer.with(plugins: BuiltInPlugins.all) { server in
            let answer = try await RawHTTP.send(port: server.port, method: "GET", target: "/api/openapi.json")
            let schema = answer.json["paths"]?["/api/plugins/invoice/order/index"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]
            let properties = schema?["properties"]?.objectValue?.orderedKeys ?? []
            for name in ["page", "page_size", "status", "start_time", "end_time", "payment"] {
                #expect(properties.contains(name), "order/index declares \(name)")
            }
            #expect(schema?["properties"]?["status"]?["enum"]?.arrayValue?.contains("failed") == true)
        }
    }

    @Test func merchantCallersWithABadKeyGetTheirOwnCodeWhileShopXOCallersKeepMinus400() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let accounts = server.kernel.access.accounts
            let key = try await accounts.createAPIKey(storeID: 1, scopes: ["notes"])
            _ = try await accounts.revokeAPIKey(id: key.id, storeID: 1)
            for headers in [[("X-Api-Key", key.key)], [("Authorization", "Bearer \(key.key)")], [("Authorization", "Bearer not-a-key")]] {
                let answer = try await server.call("demo", "merchant", "whoami", query: "lang=zh", headers: headers)
                #expect(answer.code == -401)
                #expect(answer.msg == "API 密钥无效或已吊销")
            }
            let english = try await server.call("demo", "merchant", "whoami", headers: [("X-Api-Key", "isk_nothing")])
            #expect(english.msg == "invalid or revoked API key")
            let shopxo = try await server.call("demo", "note", "count", token: "expired-token")
            #expect(shopxo.code == -400)
            #expect(shopxo.data == .string("/?s=user/logininfo.html"))
            let none = try await server.call("demo", "merchant", "whoami")
            #expect(none.code == -400, "no credential at all still asks to log in")
        }
    }

    @Test func aRequestHeadOverTheLimitAnswers431WithAnEnvelope() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let target = "/api/plugins/index?pluginsname=system&pluginscontrol=system&pluginsaction=ping"
            let small = try await RawHTTP.send(port: server.port, method: "GET", target: target, headers: [("X-Note", String(repeating: "a", count: 8 * 1024))])
            #expect(small.status == 200)
            let connection = try RawConnection(port: server.port)
            connection.writeUntilClosed(Array("GET \(target) HTTP/1.1\r\nHost: x\r\nX-Note: \(String(repeating: "a", count: 64 * 1024))\r\n\r\n".utf8))
            let answer = try RawHTTP.parse(try await connection.readAll())
            #expect(answer.status == 431)
            #expect(answer.code == -5000)
            #expect(answer.msg == "request line and headers too large")
            #expect(answer.headers["connection"] == "close")
            #expect(try await server.call("system", "system", "ping").code == 0)
        }
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.maxHeaderBytes = 4 * 1024 }) { server in
            let answer = try await RawHTTP.send(
                port: server.port, method: "GET", target: "/healthz", headers: [("X-Note", String(repeating: "b", count: 6 * 1024))])
            #expect(answer.status == 431, "the limit is configurable (max_header_bytes)")
        }
    }

    @Test func aBodyThatStopsArrivingIsAnswered408AtTheBodyTimeoutAndClosed() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.bodyTimeoutSeconds = 1 }) { server in
            let connection = try RawConnection(port: server.port)
            let started = ContinuousClock.now
            try connection.write(Array((
                "POST /api/plugins/demo/demo/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").utf8))
            let answer = try RawHTTP.parse(try await connection.readAll())
            let elapsed = ContinuousClock.now - started
            #expect(answer.status == 408)
            #expect(answer.msg == "request body arrived too slowly")
            #expect(elapsed >= .milliseconds(900))
            #expect(elapsed < .seconds(5), "answered and closed at the body timeout, not the 30 s idle timeout")
        }
    }

    @Test func gracefulShutdownCutsAStalledUploadAfterItsGrace() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = URL(fileURLWithPath: folder).appendingPathComponent("server.json").path
        try Data(#"{"password_iterations": 1000, "shutdown_grace_seconds": 1, "body_timeout_seconds": 60}"#.utf8)
            .write(to: URL(fileURLWithPath: config))
        let server = try await ServerProcess(arguments: ["--data-dir", folder, "--config", config])
        let connection = try RawConnection(port: server.port)
        try connection.write(Array((
            "POST /api/plugins/index?pluginsname=system&pluginscontrol=system&pluginsaction=ping HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{").utf8))
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        kill(server.process.processIdentifier, SIGTERM)
        let answer = try RawHTTP.parse(try await connection.readAll())
        let status = await server.waitForExit()
        #expect(answer.status == 503)
        #expect(answer.msg == "the server is shutting down, retry shortly")
        #expect(status == 0)
        #expect(ContinuousClock.now - started < .seconds(10), "shutdown does not wait for the 60 s body timeout")
    }

    @Test func everyNonShopXOListHasOneShape() async throws {
        try await TestServer.with(plugins: BuiltInPlugins.all) { server in
            let admin = try await server.admin("root")
            _ = try await server.user("lister")
            let key = try await server.kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["invoices", "schedules"]).key
            let bearer = [("Authorization", "Bearer \(key)")]
            var answers = [
                try await server.call("invoice", "merchant", "list", headers: bearer),
                try await server.call("invoice", "delivery", "list", headers: bearer),
                try await server.call("schedule", "delivery", "list", headers: bearer),
                try await server.call("schedule", "merchant", "list", headers: bearer),
                try await server.call("schedule", "customer", "list", headers: bearer),
                try await server.call("schedule", "item", "list", headers: bearer),
            ]
            answers.append(try await server.call("system", "users", "list", token: admin, path: "/admin/plugins/index"))
            answers.append(try await server.call("system", "apikeys", "list", token: admin, path: "/admin/plugins/index"))
            for answer in answers {
                #expect(answer.code == 0)
                let keys = Set(answer.data?.objectValue?.orderedKeys ?? [])
                #expect(keys.isSuperset(of: ["items", "page", "page_size", "total", "page_total"]), "\(answer.text)")
                #expect(answer.data?["items"]?.arrayValue != nil)
            }
            #expect(answers[6].data?["total"] == 1)
        }
    }
}
