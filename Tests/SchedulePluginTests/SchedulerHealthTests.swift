import CopyPlugin
import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import TestSupport
import Testing

@testable import SchedulePlugin

/// The scheduler's lag at `/metrics`, and `/readyz` failing while due work waits too long.
@Suite struct SchedulerHealthTests {
    @Test func aDueScheduleNobodyRunsShowsAsLagAndFailsReadinessUntilATickCatchesUp() async throws {
        try await TestServer.with(plugins: [InvoicePlugin(), SchedulePlugin(), CopyPlugin()], configure: { $0.schedulerStuckSeconds = 600 }) {
            server in
            let key = try await server.kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["invoices", "schedules"]).key
            let fixture = ScheduleFixture(server: server, apiKey: key)
            try await fixture.customer("L1", email: "l1@example.com")
            let twoHoursAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7_200))
            try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["L1"], sendDate: twoHoursAgo, type: 0, count: 1))

            let metrics = try await RawHTTP.send(port: server.port, method: "GET", target: "/metrics").text
            #expect(metrics.contains("# TYPE invoice_scheduler_lag_seconds gauge"))
            let lag = metrics.split(separator: "\n").first { $0.hasPrefix(#"invoice_scheduler_lag_seconds{plugin="schedule"} "#) }
            let seconds = lag.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
            #expect((7_100...7_300).contains(seconds), "\(lag ?? "no lag line")")
            let stuck = try await RawHTTP.send(port: server.port, method: "GET", target: "/readyz")
            #expect(stuck.status == 503)
            #expect(stuck.data?["problems"]?.arrayValue?.first?.stringValue?.hasPrefix("schedule stuck") == true, "\(stuck.text)")

            _ = try await fixture.scheduler().tick(now: server.kernel.access.clock.unixSeconds())
            let caughtUp = try await RawHTTP.send(port: server.port, method: "GET", target: "/metrics").text
            #expect(caughtUp.contains(#"invoice_scheduler_lag_seconds{plugin="schedule"} 0"#))
            #expect(try await RawHTTP.send(port: server.port, method: "GET", target: "/readyz").status == 200)
        }
    }
}
