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

/// `/metrics` explains itself and covers the process, the database and the outbox; `/readyz`
/// fails while the outbox is stuck.
@Suite struct OperationalMetricsTests {
    @Test func everyMetricHasHelpAndTypeAndTheProcessAndDatabaseAreMeasured() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            _ = try await server.call("system", "system", "ping")
            let text = try await RawHTTP.send(port: server.port, method: "GET", target: "/metrics").text
            var names = Set<String>()
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let sample = String(line.prefix { character in character != "{" && character != " " })
                names.insert(
                    sample.replacingOccurrences(of: "_bucket", with: "").replacingOccurrences(of: "_sum", with: "")
                        .replacingOccurrences(of: "_count", with: ""))
            }
            for name in names {
                #expect(text.contains("# HELP \(name) "), "\(name) has HELP")
                #expect(text.contains("# TYPE \(name) "), "\(name) has TYPE")
            }
            for name in [
                "process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds", "process_start_time_seconds",
                "invoice_database_bytes", "invoice_database_wal_bytes", "invoice_requests_total", "invoice_write_queue_depth",
            ] {
                #expect(names.contains(name), "\(name) is exported")
            }
            let resident = text.split(separator: "\n").first { $0.hasPrefix("process_resident_memory_bytes ") }
            #expect((resident.flatMap { Double($0.split(separator: " ")[1]) } ?? 0) > 1_000_000)
            let database = text.split(separator: "\n").first { $0.hasPrefix("invoice_database_bytes ") }
            #expect((database.flatMap { Double($0.split(separator: " ")[1]) } ?? 0) > 0)
        }
    }

    @Test func aStuckOutboxShowsByChannelAndFailsReadiness() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.outboxStuckSeconds = 60 }) { server in
            let now = server.kernel.access.clock.unixSeconds()
            try await server.kernel.access.storage.write { db in
                try db.asHost {
                    for (index, age) in [(1, Int64(3_600)), (2, Int64(5))] {
                        try db.execute(
                            """
                            INSERT INTO outbox (event_id, store_id, channel, destination, topic, payload, next_attempt_at, give_up_at, created_at)
                            VALUES (?, 1, 'sms', '+15550000', 't', '{}', ?, ?, ?)
                            """, "stuck-\(index)", now, now + 86_400, now - age)
                    }
                    try db.execute(
                        """
                        INSERT INTO outbox (event_id, store_id, channel, destination, topic, payload, status, attempts, next_attempt_at, give_up_at, created_at)
                        VALUES ('gone', 1, 'email', 'a@b.test', 't', '{}', 'failed', 3, ?, ?, ?)
                        """, now, now, now - 90_000)
                    try db.execute(
                        "INSERT INTO outbox_deliveries (outbox_id, attempt, at, ok, detail) SELECT id, 1, ?, 0, 'refused' FROM outbox WHERE event_id = 'gone'",
                        now)
                }
            }
            let text = try await RawHTTP.send(port: server.port, method: "GET", target: "/metrics").text
            #expect(text.contains(#"invoice_outbox_pending{channel="sms"} 2"#))
            #expect(text.contains(#"invoice_outbox_pending{channel="webhook"} 0"#), "an idle channel is exported at zero")
            #expect(text.contains(#"invoice_outbox_oldest_pending_age_seconds{channel="webhook"} 0"#))
            #expect(text.contains(#"invoice_outbox_oldest_pending_age_seconds{channel="sms"} 36"#))
            #expect(text.contains(#"invoice_outbox_failed_messages_total{channel="email"} 1"#))
            #expect(text.contains(#"invoice_outbox_failed_attempts_total{channel="email"} 1"#))
            let ready = try await RawHTTP.send(port: server.port, method: "GET", target: "/readyz")
            #expect(ready.status == 503)
            #expect(ready.data?["status"] == "not ready")
            #expect(ready.data?["problems"]?.arrayValue?.first?.stringValue?.hasPrefix("outbox stuck") == true, "\(ready.text)")
        }
    }
}
