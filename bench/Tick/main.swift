import Foundation
import InvoicePlugin
import InvoiceServerCLI
import Kernel
import Logging
import PluginSDK
import SchedulePlugin

// The scheduler tick benchmark: N active schedules of which D are due; measures one tick (claim,
// create the invoices, enqueue the messages, commit) and the latency of requests made during it.
// Usage: bench-tick [schedules] [due] [data dir]

let arguments = CommandLine.arguments
let total = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let due = arguments.count > 2 ? Int(arguments[2]) ?? 1_000 : 1_000
let folder = arguments.count > 3 ? arguments[3] : NSTemporaryDirectory() + "bench-tick-\(UUID().uuidString)"

var configuration = ServerConfiguration()
configuration.dataDir = folder
configuration.passwordIterations = 1_000
configuration.configDir = folder
let logger = Logger(label: "bench-tick", factory: { _ in SwiftLogNoOpLogHandler() })
let kernel = try await Kernel(
    configuration: configuration, plugins: [InvoicePlugin(), SchedulePlugin()], modules: HostModules.standard, logger: logger)
let storage = kernel.access.storage
let key = try await kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["schedules"]).key
let now = Int64(Date().timeIntervalSince1970)

func seconds(_ start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

// Seed: 1,000 customers with email and phone, then the schedules, 10,000 per write.
let seedStart = ContinuousClock.now
try await storage.write { db in
    for index in 0..<1_000 {
        try db.execute(
            "INSERT INTO schedule_customers (store_id, code, name, email, phone, language, created_at, updated_at) VALUES (1, ?, ?, ?, ?, 'en', ?, ?)",
            "C\(index)", "Customer \(index)", "c\(index)@example.com", "+98912000\(String(format: "%04d", index))", now, now)
    }
}
let invoice = #"{"currency":"USD","products":[{"code":"P","title":"Plan","description":"","have_tax":false,"quantity":1,"amount":"10.00","discount_amount":"0","discount_type":1}]}"#
let request = #"{"title":"Plan","notes":""}"#
var written = 0
while written < total {
    let first = written
    let last = min(total, written + 10_000)
    try await storage.write { db in
        for index in first..<last {
            let isDue = index % (total / max(due, 1)) == 0 && index / (total / max(due, 1)) < due
            let start = isDue ? now - 60 : now + 86_400 + Int64(index % 2_000_000)
            try db.execute(
                """
                INSERT INTO schedule_schedules (store_id, code, title, status, send_notifications, request, invoice, recipients, totals,
                    unit, interval, count, start_at, time_zone, calendar, working_days, weekend, due_after_days, catch_up,
                    next_sequence, next_run_at, created_at, updated_at)
                VALUES (1, ?, 'Plan', 'active', 1, ?, ?, ?, '{}', 2, 1, 12, ?, 'UTC', 'gregorian', 0, '1,7', 7, 'backfill', 0, ?, ?, ?)
                """,
                arguments: ["S\(index)", request, invoice, "[\(index % 1_000 + 1)]", start, start, now, now])
        }
    }
    written = last
}
print(String(format: "seeded %d schedules (%d due) in %.1f s", total, due, seconds(seedStart)))

// Request latency: a write (customer/create) and a read (item/list), one after another.
func request(_ action: String, _ control: String, _ params: JSONObject) async -> Double {
    var all = params
    all["pluginsname"] = "schedule"
    all["pluginscontrol"] = .string(control)
    all["pluginsaction"] = .string(action)
    let started = ContinuousClock.now
    _ = await kernel.handle(KernelRequest(params: Params(all), headers: ["x-api-key": key], requestID: UUID().uuidString))
    return seconds(started) * 1_000
}

actor Samples {
    var values: [Double] = []
    func add(_ value: Double) { values.append(value) }
}

/// Request latencies (ms) of write+read pairs: `count` pairs, or as many as run while `work` runs.
func measure(count: Int, while work: (@Sendable () async throws -> Void)? = nil) async throws -> [Double] {
    let samples = Samples()
    let done = DoneFlag()
    let load = Task {
        var pairs = 0
        while work == nil ? pairs < count : !done.isSet {
            await samples.add(await request("create", "customer", ["code": .string("L\(UUID().uuidString.prefix(12))"), "name": "Load"]))
            await samples.add(await request("list", "item", [:]))
            pairs += 1
        }
    }
    if let work { try await work() }
    done.set()
    await load.value
    return await samples.values
}

final class DoneFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

let idle = try await measure(count: 200)
print(String(format: "requests, no tick:     n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms", idle.count, percentile(idle, 0.5), percentile(idle, 0.99), idle.max() ?? 0))

let scheduler = Scheduler(services: kernel.access.services(for: "schedule"))
let tickResult = Samples()
let during = try await measure(count: 0, while: {
    let started = ContinuousClock.now
    let report = try await scheduler.tick(now: now)
    let elapsed = seconds(started) * 1_000
    await tickResult.add(elapsed)
    print(String(format: "tick: %d schedules due, %d invoices, %d messages queued in %.1f ms", report.schedules, report.invoices, report.invoices * 2, elapsed))
})
print(String(format: "requests, during tick: n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms", during.count, percentile(during, 0.5), percentile(during, 0.99), during.max() ?? 0))

let quiet = ContinuousClock.now
let empty = try await scheduler.tick(now: now)
print(String(format: "next tick (nothing due): %d schedules in %.2f ms", empty.schedules, seconds(quiet) * 1_000))

kernel.shutdown()
if arguments.count <= 3 { try? FileManager.default.removeItem(atPath: folder) }
