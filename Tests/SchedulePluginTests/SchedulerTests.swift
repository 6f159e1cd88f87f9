import Foundation
import InvoicePlugin
import InvoiceServerCLI
import Kernel
import PluginSDK
import Logging
import Storage
import Testing
import TestSupport

@testable import SchedulePlugin

@Suite("Schedule: the scheduler")
struct SchedulerTests {
    static let start = "2026-12-01T09:00:00Z"

    @Test func eachOccurrenceIsCreatedOnceWithItsOriginalDatesInOrder() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("S1", email: "s1@example.com", phone: "+989121110000")
            let created = try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["S1"], sendDate: Self.start, count: 3))
            let scheduler = fixture.scheduler()
            #expect(try await scheduler.tick(now: ScheduleFixture.utc("2026-11-30T09:00:00Z")).occurrences == 0, "not due yet")
            let first = try await scheduler.tick(now: ScheduleFixture.utc("2026-12-01T09:00:00Z"))
            #expect(first.occurrences == 1)
            #expect(try await scheduler.tick(now: ScheduleFixture.utc("2026-12-01T09:30:00Z")).occurrences == 0, "a second tick finds nothing")
            let late = try await scheduler.tick(now: ScheduleFixture.utc("2027-06-01T00:00:00Z"))
            #expect(late.occurrences == 2, "the downtime is caught up, then the schedule completes")
            let occurrences = try await fixture.ok("merchant", "occurrences", ["code": created["code"] ?? .null])
            let dates = occurrences["done"]?.arrayValue?.compactMap { $0["sendDate"]?.stringValue }
            #expect(dates == ["2027-02-01T09:00:00Z", "2027-01-01T09:00:00Z", "2026-12-01T09:00:00Z"])
            let numbers = occurrences["done"]?.arrayValue?.compactMap { $0["invoices"]?.arrayValue?.first?["number"]?.stringValue } ?? []
            #expect(numbers.count == 3)
            #expect(numbers == numbers.sorted().reversed(), "created oldest first")
            #expect(try await fixture.count("SELECT COUNT(*) FROM invoice_invoices") == 3)
            #expect(try await fixture.count("SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND topic = 'invoice.sent'") == 3)
            #expect(try await fixture.count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND topic = 'invoice.sent'") == 3)
            let view = try await fixture.ok("merchant", "view", ["code": created["code"] ?? .null])
            #expect(view["status"] == "completed")
        }
    }

    @Test func clockSetBackCreatesNothingTwice() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("J1")
            try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["J1"], sendDate: Self.start, type: 0, count: 10))
            let scheduler = fixture.scheduler()
            #expect(try await scheduler.tick(now: ScheduleFixture.utc("2026-12-03T10:00:00Z")).occurrences == 3)
            #expect(try await scheduler.tick(now: ScheduleFixture.utc("2026-12-01T10:00:00Z")).occurrences == 0, "clock jumped back two days")
            #expect(try await scheduler.tick(now: ScheduleFixture.utc("2026-12-03T10:00:00Z")).occurrences == 0, "and forward again")
            #expect(try await scheduler.tick(now: ScheduleFixture.utc("2026-12-04T09:00:00Z")).occurrences == 1)
            #expect(try await fixture.count("SELECT COUNT(*) FROM invoice_invoices") == 4)
        }
    }

    @Test(arguments: [("backfill", 5, 0), ("latest", 1, 4), ("skip", 0, 5)])
    func catchUpPolicyDecidesWhatMissedOccurrencesBecome(policy: String, created: Int, skipped: Int) async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("P1")
            let schedule = try await fixture.ok(
                "merchant", "create", ScheduleFixture.body(customers: ["P1"], sendDate: Self.start, type: 0, count: 10, catchUp: policy))
            let report = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-05T12:00:00Z"))
            #expect(report.occurrences == created)
            #expect(report.skipped == skipped)
            #expect(try await fixture.count("SELECT COUNT(*) FROM invoice_invoices") == Int64(created))
            let view = try await fixture.ok("merchant", "view", ["code": schedule["code"] ?? .null])
            #expect(view["nextSendDate"] == "2026-12-06T09:00:00Z")
        }
    }

    @Test func twoSchedulersOnTwoConnectionsCreateEachOccurrenceOnce() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await ScheduleFixture.with(dataDir: folder) { fixture in
            for index in 0..<30 { try await fixture.customer("D\(index)") }
            for index in 0..<30 {
                try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["D\(index)"], sendDate: Self.start, type: 0, count: 5))
            }
            let logger = Logger(label: "second", factory: { _ in SwiftLogNoOpLogHandler() })
            let second = try await Kernel(
                configuration: TestServer.testConfiguration(dataDir: folder), plugins: [InvoicePlugin(), SchedulePlugin()],
                modules: HostModules.standard, logger: logger)
            defer { second.shutdown() }
            var one = fixture.scheduler()
            var two = Scheduler(services: second.access.services(for: "schedule"))
            one.batchSize = 4
            two.batchSize = 4
            let now = ScheduleFixture.utc("2026-12-05T10:00:00Z")
            let reports = try await withThrowingTaskGroup(of: Scheduler.Report.self) { group in
                for scheduler in [one, two, one, two] { group.addTask { try await scheduler.tick(now: now) } }
                return try await group.reduce(into: [Scheduler.Report]()) { $0.append($1) }
            }
            #expect(reports.reduce(0) { $0 + $1.occurrences } == 150)
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_occurrences") == 150)
            #expect(try await fixture.count("SELECT COUNT(*) FROM invoice_invoices") == 150)
            #expect(try await fixture.count("SELECT COUNT(DISTINCT request_id) FROM invoice_invoices") == 150)
        }
    }

    @Test func aTickThatFailsHalfwayLeavesNothingAndTheNextOneDoesItAll() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("H1")
            try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["H1"], sendDate: Self.start, type: 0, count: 3))
            let clock = fixture.services.clock
            try await fixture.server.kernel.access.registry.setEnabled("invoice", false, clock: clock)
            await #expect(throws: KernelError.self) {
                _ = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-03T10:00:00Z"))
            }
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_occurrences") == 0)
            #expect(try await fixture.count("SELECT next_sequence FROM schedule_schedules") == 0)
            try await fixture.server.kernel.access.registry.setEnabled("invoice", true, clock: clock)
            #expect(try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-03T10:00:00Z")).occurrences == 3)
            #expect(try await fixture.count("SELECT COUNT(*) FROM invoice_invoices") == 3)
        }
    }

    @Test func pauseSkipsItsPeriodAndResumeContinues() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("R1")
            let created = try await fixture.ok(
                "merchant", "create", ScheduleFixture.body(customers: ["R1"], sendDate: "2020-01-01T09:00:00Z", type: 3, count: 100))
            let code = created["code"] ?? .null
            try await fixture.ok("merchant", "pause", ["code": code])
            let again = try await fixture.call("merchant", "pause", ["code": code])
            #expect(again.code == -1)
            let resumed = try await fixture.ok("merchant", "resume", ["code": code])
            #expect(resumed["status"] == "active")
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_occurrences WHERE status = 'skipped'") >= 6)
            try await fixture.ok("merchant", "cancel", ["code": code])
            let list = try await fixture.ok("merchant", "list", ["status": "cancelled"])
            #expect(list["items"]?.arrayValue?.count == 1)
        }
    }
}
