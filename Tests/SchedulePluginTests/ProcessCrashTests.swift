import Foundation
import Kernel
import PluginSDK
import Storage
import Testing
import TestSupport

/// The real binary, SIGKILLed and run twice on one database.
@Suite("Schedule: real server processes")
struct ProcessCrashTests {
    /// A config folder: fast password hashing, the SMS gateway at `smsPort`, short leases.
    static func configFolder(smsPort: Int) throws -> (folder: String, config: String) {
        let folder = TestServer.temporaryFolder()
        let config = try ServerBinary.fastConfig(in: folder)
        let outbox = #"{"sms": {"url": "http://127.0.0.1:\#(smsPort)/sms", "auth_header": "X-Key", "auth_value": "k"}, "lease_seconds": 3, "poll_ms": 100}"#
        try Data(outbox.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("outbox.json"))
        return (folder, config)
    }

    static func call(_ port: Int, _ key: String, _ control: String, _ action: String, _ body: JSON) async throws -> HTTPResult {
        try await RawHTTP.send(
            port: port, target: "/api/plugins/index?pluginsname=schedule&pluginscontrol=\(control)&pluginsaction=\(action)",
            headers: [("Content-Type", "application/json"), ("X-Api-Key", key)], body: body.serialized())
    }

    static func count(_ dataDir: String, _ sql: String) async throws -> String {
        let result = try await onOwnThread { () -> String in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3", URL(fileURLWithPath: dataDir).appendingPathComponent("invoice-server.sqlite").path, sql]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func sendDate(secondsAgo: Int) -> String {
        ISO8601DateFormatter().string(from: Date().addingTimeInterval(TimeInterval(-secondsAgo)))
    }

    @Test func killedMidSendTheSMSGoesOutAgainWithTheSameEventIDAndTheInvoiceIsNotMadeTwice() async throws {
        try await SinkProcess.with(script: "http_sink.py", arguments: ["--delay-first", "30"]) { sink in
            let (folder, config) = try Self.configFolder(smsPort: sink.port)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let arguments = ["--config", config, "--data-dir", folder]
            let first = try await ServerProcess(arguments: arguments)
            let created = try await ServerBinary.run(["apikey", "create", "--store", "1", "--scopes", "schedules"] + arguments)
            let key = try #require(try JSON.parse(Array(created.output.utf8))["key"]?.stringValue, "\(created)")
            let customer = try await Self.call(first.port, key, "customer", "create", ["code": "K1", "name": "Kim", "phone": "+989121112233"])
            #expect(customer.code == 0, "\(customer.text)")
            var body = ScheduleFixture.body(customers: ["K1"], sendDate: Self.sendDate(secondsAgo: 5), type: 0, count: 1).objectValue!
            body["schedule"] = ["interval": 1, "scheduleType": 0, "count": 1]
            let schedule = try await Self.call(first.port, key, "merchant", "create", .object(body))
            #expect(schedule.code == 0, "\(schedule.text)")
            let arrived = try await sink.waitForRecords(1, seconds: 30)
            #expect(arrived.count == 1, "the scheduler made the invoice and the worker is sending its SMS")
            #expect(await first.stop(signal: SIGKILL) == SIGKILL)

            let second = try await ServerProcess(arguments: arguments)
            let records = try await sink.waitForRecords(2, seconds: 30)
            _ = await second.stop()
            #expect(records.count == 2)
            let ids = records.compactMap { $0["headers"]?["x-event-id"]?.stringValue }
            #expect(ids.count == 2 && ids[0] == ids[1], "the same event id both times: the receiver can de-duplicate")
            #expect(try await Self.count(folder, "SELECT status || ':' || attempts FROM outbox WHERE channel = 'sms'") == "delivered:2")
            #expect(try await Self.count(folder, "SELECT COUNT(*) FROM invoice_invoices") == "1")
            #expect(try await Self.count(folder, "SELECT COUNT(*) FROM schedule_occurrences") == "1")
        }
    }

    @Test func twoServersOnOneDatabaseCreateEachOccurrenceOnce() async throws {
        try await SinkProcess.with(script: "http_sink.py") { sink in
            let (folder, config) = try Self.configFolder(smsPort: sink.port)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let arguments = ["--config", config, "--data-dir", folder]
            let created = try await ServerBinary.run(["apikey", "create", "--store", "1", "--scopes", "schedules"] + arguments)
            let key = try #require(try JSON.parse(Array(created.output.utf8))["key"]?.stringValue, "\(created)")
            let one = try await ServerProcess(arguments: arguments)
            let two = try await ServerProcess(arguments: arguments)
            let quiet = try await Self.call(one.port, key, "settings", "save", ["reminder_offsets": []])
            #expect(quiet.code == 0, "no reminders: only the invoices' own SMS are counted")
            for index in 0..<20 {
                let customer = try await Self.call(index % 2 == 0 ? one.port : two.port, key, "customer", "create", ["code": .string("T\(index)"), "name": "T", "phone": .string("+98912000\(1000 + index)")])
                #expect(customer.code == 0)
                var body = ScheduleFixture.body(customers: ["T\(index)"], sendDate: Self.sendDate(secondsAgo: 4 * 86_400), type: 0, count: 10).objectValue!
                body["schedule"] = ["interval": 1, "scheduleType": 0, "count": 10]
                let schedule = try await Self.call(index % 2 == 0 ? two.port : one.port, key, "merchant", "create", .object(body))
                #expect(schedule.code == 0, "\(schedule.text)")
            }
            let records = try await sink.waitForRecords(100, seconds: 60)
            try await Task.sleep(for: .seconds(2))
            _ = await one.stop()
            _ = await two.stop()
            #expect(records.count == 100, "20 schedules x 5 days so far, one SMS each")
            #expect(Set(records.compactMap { $0["headers"]?["x-event-id"]?.stringValue }).count == 100)
            #expect(try await Self.count(folder, "SELECT COUNT(*) FROM schedule_occurrences") == "100")
            #expect(try await Self.count(folder, "SELECT COUNT(*) FROM invoice_invoices") == "100")
            #expect(try await Self.count(folder, "SELECT COUNT(*) FROM outbox WHERE status = 'delivered' AND attempts = 1") == "100")
        }
    }
}
