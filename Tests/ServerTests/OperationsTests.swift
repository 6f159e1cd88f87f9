import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct OperationsTests {
    @Test func healthAndReadinessAnswer() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let health = try await RawHTTP.send(port: server.port, method: "GET", target: "/healthz")
            #expect(health.status == 200 && health.code == 0)
            let ready = try await RawHTTP.send(port: server.port, method: "GET", target: "/readyz")
            #expect(ready.status == 200 && ready.data?["status"] == "ready")
        }
    }

    @Test func metricsCountRequestsByRouteAndCode() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            _ = try await server.call("system", "system", "ping")
            _ = try await server.call("system", "system", "ping")
            _ = try await server.call("demo", "note", "count")
            _ = try await server.call("nosuch", "x", "y")
            let metrics = try await RawHTTP.send(port: server.port, method: "GET", target: "/metrics")
            #expect(metrics.status == 200)
            let text = metrics.text
            #expect(text.contains(#"invoice_requests_total{plugin="system",control="system",action="ping",code="0"} 2"#))
            #expect(text.contains(#"invoice_requests_total{plugin="demo",control="note",action="count",code="-400"} 1"#))
            #expect(!text.contains("nosuch"))
            #expect(text.contains("invoice_request_duration_seconds_bucket"))
            #expect(text.contains("invoice_write_queue_depth"))
            #expect(text.contains("invoice_open_connections"))
        }
    }

    @Test func everyAnswerCarriesARequestID() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let first = try await server.call("system", "system", "ping")
            let second = try await server.call("system", "system", "ping")
            let a = try #require(first.headers["x-request-id"])
            #expect(!a.isEmpty && a != second.headers["x-request-id"])
            let hostile = try await server.call("system", "system", "ping", headers: [("X-Request-Id", "bad id\"<script>")])
            #expect(hostile.headers["x-request-id"] != "bad id\"<script>")
        }
    }
}
