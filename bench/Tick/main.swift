import Foundation
import InvoicePlugin
import InvoiceServerCLI
import Kernel
import Logging
import PluginSDK
import SchedulePlugin

// The scheduler benchmark, on a fresh database with N active schedules:
// - one tick with D of them due (claim, invoices, outbox messages, reminders, commits), and the
//   latency of requests made meanwhile;
// - a tick with nothing due;
// - catch-up: C more schedules fall due over the past day (the server was down), and one tick
//   creates them all, oldest first, while requests go on.
// Usage: bench-tick [schedules] [due] [catch-up] [data dir]

let arguments = CommandLine.arguments
func argument(_ index: Int, _ fallback: Int) -> Int { arguments.count > index ? Int(arguments[index]) ?? fallback : fallback }
let total = argument(1, 1_000_000)
let due = argument(2, 1_000)
let catchUp = min(argument(3, 100_000), total - due)
let folder = arguments.count > 4 ? arguments[4] : NSTemporaryDirectory() + "bench-tick-\(UUID().uuidString)"

var configuration = ServerConfiguration()
configuration.dataDir = folder
configuration.passwordIterations = 1_000
configuration.configDir = folder
let logger = Logger(label: "bench-tick", factory: { _ in SwiftLogNoOpLogHandler() })
let kernel = try await Kernel(
    configuration: configuration, plugins: [InvoicePlugin(), SchedulePlugin()], modules: HostModules.standard, logger: logger)
let storage = kernel.access.storage
let key = try await kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["schedules"]).key

// A durable listener of `invoice.created`, as a remote plugin or an integration would add: it
// makes the invoice service publish each invoice (with its lines and history) inside the
// tick's write. BENCH_NO_LISTENER=1 leaves it out (nothing listens: the event is not built).
let createdEvents = Counter()
if ProcessInfo.processInfo.environment["BENCH_NO_LISTENER"] == nil {
    kernel.access.services(for: "bench").hooks.on("invoice.created", name: "count") { _, _ in createdEvents.add() }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
let now = Int64(Date().timeIntervalSince1970)

func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1_000
}

/// Calls the schedule plugin through the kernel (no HTTP); answers the latency in ms and the answer.
func call(_ control: String, _ action: String, _ params: JSONObject) async -> (Double, Envelope?) {
    var all = params
    all["pluginsname"] = "schedule"
    all["pluginscontrol"] = .string(control)
    all["pluginsaction"] = .string(action)
    let started = ContinuousClock.now
    let response = await kernel.handle(KernelRequest(params: Params(all), headers: ["x-api-key": key], requestID: UUID().uuidString))
    guard case .envelope(let envelope) = response.body else { return (milliseconds(since: started), nil) }
    return (milliseconds(since: started), envelope)
}

// Seed: 1,000 customers with email and phone; one schedule made through the API (a PayPing body
// with notes, a product and a discount, monthly for a year), whose stored row is then copied
// into every other schedule: the same columns the server writes, 10,000 rows per write.
let seedStart = ContinuousClock.now
try await storage.write { db in
    for index in 0..<1_000 {
        try db.execute(
            "INSERT INTO schedule_customers (store_id, code, name, email, phone, language, created_at, updated_at) VALUES (1, ?, ?, ?, ?, 'en', ?, ?)",
            "C\(index)", "Customer \(index)", "c\(index)@example.com", "+98912000\(String(format: "%04d", index))", now, now)
    }
}
let body: JSONObject = [
    "customers": [["code": "C0"]], "createStatus": 1, "title": "Monthly plan", "notes": "Thank you for your business",
    "sendDate": .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(now + 365 * 86_400)))),
    "discountAmount": 10, "discountType": 0, "shipping": 0,
    "schedule": ["interval": 1, "scheduleType": 2, "count": 12, "dueDateAfterHowManyDay": 7],
    "products": [["code": "P1", "title": "Plan", "description": "Hosting, one month", "quantity": 1, "amount": "49.00", "haveTax": false]],
]
let (_, item) = await call("item", "create", ["code": "P1", "title": "Plan", "description": "Hosting, one month", "amount": "49.00"])
guard item?.code == .success else { fatalError("schedule/item/create failed: \(String(describing: item))") }
let (_, created) = await call("merchant", "create", body)
guard created?.code == .success else { fatalError("schedule/merchant/create failed: \(String(describing: created))") }
let model = try await storage.read { db in try db.queryOne("SELECT * FROM schedule_schedules ORDER BY id DESC LIMIT 1") }!
let every = max(1, total / max(due, 1))
var written = 0
while written < total {
    let first = written
    let last = min(total, written + 10_000)
    try await storage.write { db in
        for index in first..<last {
            let isDue = index % every == 0 && index / every < due
            let start = isDue ? now - 60 : now + 86_400 + Int64(index % 2_000_000)
            try db.execute(
                """
                INSERT INTO schedule_schedules (store_id, code, title, status, send_notifications, request, invoice, recipients, totals,
                    unit, interval, count, start_at, time_zone, calendar, working_days, weekend, due_after_days, catch_up,
                    next_sequence, next_run_at, feedback, cc, attachments, attachments_after_payment, created_at, updated_at)
                VALUES (1, ?, ?, 'active', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    "S\(index)", model["title"], model["request"], model["invoice"], "[\(index % 1_000 + 1)]", model["totals"],
                    model["unit"], model["interval"], model["count"], start, model["time_zone"], model["calendar"],
                    model["working_days"], model["weekend"], model["due_after_days"], model["catch_up"], start, model["feedback"],
                    model["cc"], model["attachments"], model["attachments_after_payment"], now, now,
                ])
        }
    }
    written = last
}
print(String(format: "seeded %d schedules (%d due) in %.1f s", total, due, milliseconds(since: seedStart) / 1_000))
// The seed's log is copied into the database file (by the storage's checkpoint thread) before
// anything is measured, as on a server that has been running: the phases below share the disk
// with nothing but themselves. Done once the process has written less than a page in 200 ms
// (its timers write a few bytes each time they fire).
var quietSince = bytesWritten()
while true {
    try await Task.sleep(for: .milliseconds(200))
    let current = bytesWritten()
    if current - quietSince < 4_096 { break }
    quietSince = current
}

// Request load: a write (customer/create) and a read (item/list), one after another.
actor Samples {
    var values: [Double] = []
    func add(_ value: Double) { values.append(value) }
}

final class DoneFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Request latencies (ms) of write+read pairs: `count` pairs, or as many as run while `work` runs.
func measure(count: Int, while work: (@Sendable () async throws -> Void)? = nil) async throws -> [Double] {
    let samples = Samples()
    let done = DoneFlag()
    let load = Task {
        var pairs = 0
        while work == nil ? pairs < count : !done.isSet {
            await samples.add(await call("customer", "create", ["code": .string("L\(UUID().uuidString.prefix(12))"), "name": "Load"]).0)
            await samples.add(await call("item", "list", [:]).0)
            pairs += 1
        }
    }
    if let work { try await work() }
    done.set()
    await load.value
    return await samples.values
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func latencies(_ label: String, _ values: [Double]) {
    print(String(format: "%@ n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms", label, values.count, percentile(values, 0.5), percentile(values, 0.99), values.max() ?? 0))
}

func count(_ sql: String) async throws -> Int64 {
    try await storage.read { db in try db.queryOne(sql)?.values.first?.int64 ?? 0 }
}

let idle = try await measure(count: 200)
latencies("requests, no tick:    ", idle)

var scheduler = Scheduler(services: kernel.access.services(for: "schedule"))
if let budget = ProcessInfo.processInfo.environment["BENCH_BUDGET_MS"] { scheduler.writeBudget = .milliseconds(Int(budget)!) }
if let pragmas = ProcessInfo.processInfo.environment["BENCH_PRAGMAS"] { try await storage.write { db in try db.executeScript(pragmas) } }
actor Outcome {
    var report = Scheduler.Report()
    var elapsed = 0.0
    func set(_ report: Scheduler.Report, _ elapsed: Double) {
        self.report = report
        self.elapsed = elapsed
    }
}

/// Bytes this process has written to files so far (`wchar` of /proc/self/io: the WAL, checkpoints).
func bytesWritten() -> Int64 {
    let text = (try? String(contentsOfFile: "/proc/self/io", encoding: .utf8)) ?? ""
    let line = text.split(separator: "\n").first { $0.hasPrefix("wchar:") }
    return line.flatMap { Int64($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
}

/// Runs one tick at `time` while requests go on; prints what it did and the requests' latency.
func tick(_ label: String, at time: Int64) async throws -> (Scheduler.Report, Double) {
    let outbox = try await count("SELECT COUNT(*) FROM outbox")
    let reminders = try await count("SELECT COUNT(*) FROM schedule_reminders")
    let written = bytesWritten()
    let events = createdEvents.value
    let outcome = Outcome()
    let during = try await measure(count: 0) {
        let started = ContinuousClock.now
        let report = try await scheduler.tick(now: time)
        await outcome.set(report, milliseconds(since: started))
    }
    let report = await outcome.report
    let elapsed = await outcome.elapsed
    print(
        String(
            format: "%@: %d occurrences, %d invoices (%d invoice.created events), %lld messages queued, %lld reminders in %.1f ms (%d writes, %.1f MB written)",
            label, report.occurrences, report.invoices, createdEvents.value - events, try await count("SELECT COUNT(*) FROM outbox") - outbox,
            try await count("SELECT COUNT(*) FROM schedule_reminders") - reminders, elapsed, report.writes,
            Double(bytesWritten() - written) / 1_048_576))
    latencies("requests, during it:  ", during)
    return (report, elapsed)
}

if let pause = ProcessInfo.processInfo.environment["BENCH_PAUSE"] { FileHandle.standardError.write(Data("pause\n".utf8)); sleep(UInt32(pause)!) }
_ = try await tick("tick", at: now)

var quiet: [Double] = []
for _ in 0..<5 {
    let started = ContinuousClock.now
    _ = try await scheduler.tick(now: now)
    quiet.append(milliseconds(since: started))
}
print(String(format: "tick with nothing due: median %.2f ms, max %.2f ms (5 ticks)", percentile(quiet, 0.5), quiet.max() ?? 0))

// Catch-up: the server was down for a day. `catchUp` schedules that were not due fall due at
// times spread over the past 24 hours, one occurrence each; one tick creates them all.
if catchUp > 0 {
    let spacing = max(1, (total - 1) / catchUp)
    var picked = 0
    var index = 0
    let before = try await count("SELECT COALESCE(MAX(id), 0) FROM schedule_occurrences")
    while picked < catchUp {
        let firstPick = picked
        let lastPick = min(catchUp, picked + 10_000)
        var picks: [(String, Int64)] = []
        for pick in firstPick..<lastPick {
            while index % every == 0 && index / every < due { index += 1 }
            precondition(index < total, "not enough schedules to fall due")
            picks.append(("S\(index)", now - 86_400 + Int64(pick) * 86_400 / Int64(catchUp)))
            index += spacing
        }
        let batch = picks
        try await storage.write { db in
            for (code, time) in batch {
                try db.execute("UPDATE schedule_schedules SET start_at = ?, next_run_at = ? WHERE store_id = 1 AND code = ?", time, time, code)
            }
        }
        picked = lastPick
    }
    let (report, elapsed) = try await tick("catch-up", at: now)
    let sendTimes = try await storage.read { db in
        try db.query("SELECT send_at FROM schedule_occurrences WHERE id > ? ORDER BY id", before).compactMap { $0.int64("send_at") }
    }
    let inOrder = zip(sendTimes, sendTimes.dropFirst()).allSatisfy { $0 <= $1 }
    print(
        String(
            format: "catch-up: %d occurrences due over the past day, %.0f occurrences/s, created in send-time order: %@", report.occurrences,
            Double(report.occurrences) / elapsed * 1_000, inOrder ? "yes" : "NO"))
}

kernel.shutdown()
if arguments.count <= 4 { try? FileManager.default.removeItem(atPath: folder) }
