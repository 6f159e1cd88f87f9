import Contracts
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

    @Test func everyInvoiceOfATickPublishesInvoiceCreatedInsideTheTicksWrite() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("E1")
            try await fixture.customer("E2")
            try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["E1", "E2"], sendDate: Self.start, type: 0, count: 3))
            let observer = fixture.server.kernel.access.services(for: "observer")
            observer.hooks.on(InvoiceEvents.created, name: "record") { event, db in
                let number = event.payload["number"]?.stringValue ?? ""
                try observer.outbox.enqueue(
                    .webhook(storeID: event.storeID ?? 0, url: "https://observer.example/created", secret: "s", topic: "observer.created",
                        data: ["number": .string(number)]), in: db)
            }
            let report = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-03T10:00:00Z"))
            #expect(report.invoices == 6)
            let seen = try await fixture.server.kernel.access.storage.read { db in
                try db.query("SELECT payload FROM outbox WHERE topic = 'observer.created' ORDER BY id").compactMap {
                    Schedule.parse($0.string("payload"))["number"]?.stringValue
                }
            }
            let numbers = try await fixture.server.kernel.access.storage.read { db in
                try db.query("SELECT number FROM invoice_invoices ORDER BY id").compactMap { $0.string("number") }
            }
            #expect(numbers.count == 6)
            #expect(seen == numbers, "each invoice's event, with its number, written by a durable listener in the tick's write")
        }
    }

    @Test func aTickInShortWritesCreatesEveryOccurrenceOnceInSendTimeOrder() async throws {
        try await ScheduleFixture.with { fixture in
            for (code, start) in [("W1", "2026-12-01T09:00:00Z"), ("W2", "2026-12-01T15:00:00Z"), ("W3", "2026-12-02T03:00:00Z")] {
                try await fixture.customer(code)
                try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: [code], sendDate: start, type: 0, count: 10))
            }
            var scheduler = fixture.scheduler()
            scheduler.writeBudget = .zero
            scheduler.batchSize = 2
            let now = ScheduleFixture.utc("2026-12-05T10:00:00Z")
            let report = try await scheduler.tick(now: now)
            #expect(report.occurrences == 13, "5 of W1, 4 of W2, 4 of W3")
            #expect(report.writes > report.occurrences, "a spent budget commits after each occurrence and lets other writes in")
            let sendTimes = try await fixture.server.kernel.access.storage.read { db in
                try db.query("SELECT send_at FROM schedule_occurrences ORDER BY id").compactMap { $0.int64("send_at") }
            }
            #expect(sendTimes.count == 13)
            #expect(sendTimes == sendTimes.sorted(), "oldest send time first across schedules")
            #expect(try await fixture.count("SELECT COUNT(DISTINCT schedule_id || '-' || sequence) FROM schedule_occurrences") == 13)
            #expect(try await fixture.count("SELECT COUNT(*) FROM invoice_invoices") == 13)
            #expect(try await scheduler.tick(now: now).occurrences == 0)
        }
    }

    @Test func notesGoOnEveryInvoiceAndCopiesToEveryCCAddressButTheCustomers() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("N1", email: "n1@example.com")
            guard case .object(var body) = ScheduleFixture.body(customers: ["N1"], sendDate: Self.start, count: 1) else { return }
            body["cc"] = [["emailAddress": "boss@example.com"], ["emailAddress": "n1@example.com"]]
            try await fixture.ok("merchant", "create", .object(body))
            _ = try await fixture.scheduler().tick(now: ScheduleFixture.utc(Self.start))
            let feedback = try await fixture.server.kernel.access.storage.read { db in
                try db.queryOne("SELECT feedback FROM invoice_invoices")?.string("feedback")
            }
            #expect(feedback == "Thanks")
            let addresses = try await fixture.server.kernel.access.storage.read { db in
                try db.query("SELECT destination FROM outbox WHERE channel = 'email' AND topic = 'invoice.sent' ORDER BY id").compactMap {
                    $0.string("destination")
                }
            }
            #expect(addresses == ["n1@example.com", "boss@example.com"])
        }
    }
}
