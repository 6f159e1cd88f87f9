import Foundation
import Kernel
import PluginSDK
import Synchronization
import TestSupport
import Testing

/// `invoice-server backup` and `restore`, run as real processes against a real server under load.
@Suite(.serialized) struct BackupRestoreTests {
    /// Invoice numbers the server acknowledged, each with when its answer arrived.
    final class Ledger: Sendable {
        private let entries = Mutex<[(number: String, at: ContinuousClock.Instant)]>([])
        private let stopped = Mutex(false)

        func add(_ number: String) { entries.withLock { $0.append((number: number, at: ContinuousClock.now)) } }
        func stop() { stopped.withLock { $0 = true } }
        var isStopped: Bool { stopped.withLock { $0 } }
        var count: Int { entries.withLock { $0.count } }
        func numbers(before instant: ContinuousClock.Instant) -> [String] {
            entries.withLock { $0.filter { $0.at < instant }.map(\.number) }
        }
    }

    static func createInvoice(port: Int, key: String) async throws -> HTTPResult {
        let body: JSON = ["products": [["title": "Backup test line", "quantity": 1, "amount": "9.99"]]]
        return try await RawHTTP.send(
            port: port, target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=merchant&pluginsaction=create",
            headers: [("Content-Type", "application/json"), ("X-Api-Key", key)], body: body.serialized())
    }

    static func page(_ number: Int) -> JSON {
        ["page": .int(Int64(number)), "page_size": 100]
    }

    /// Every invoice number of store 1, read page by page through the API.
    static func allNumbers(port: Int, key: String) async throws -> [String] {
        var numbers: [String] = []
        var page = 1
        while true {
            let answer = try await RawHTTP.send(
                port: port, target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=merchant&pluginsaction=list",
                headers: [("Content-Type", "application/json"), ("X-Api-Key", key)],
                body: Self.page(page).serialized())
            let rows = answer.data?["items"]?.arrayValue ?? []
            numbers += rows.compactMap { $0["number"]?.stringValue }
            if rows.count < 100 { return numbers }
            page += 1
        }
    }

    @Test func aBackupTakenUnderWriteLoadRestoresEveryAcknowledgedInvoiceWithNumbersWithoutGaps() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try ServerBinary.fastConfig(in: folder)
        let live = ["--data-dir", folder + "/live", "--config", config]
        let backupPath = folder + "/backup.sqlite"
        let server = try await ServerProcess(arguments: live)
        let created = try await ServerBinary.run(["apikey", "create", "--store", "1", "--scopes", "invoices"] + live)
        let key = try #require(try JSON.parse(Array(created.output.utf8))["key"]?.stringValue, "\(created.errors)")

        let ledger = Ledger()
        let port = server.port
        let writers = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        while !ledger.isStopped {
                            let answer = try await Self.createInvoice(port: port, key: key)
                            guard answer.code == 0, let number = answer.data?["number"]?.stringValue else {
                                throw RawHTTP.Failure(description: "create failed: \(answer.text)")
                            }
                            ledger.add(number)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        while ledger.count < 60 { try await Task.sleep(for: .milliseconds(20)) }
        let backupBegan = ContinuousClock.now
        let backup = try await ServerBinary.run(["backup", "--to", backupPath] + live)
        let countAfterBackup = ledger.count
        while ledger.count < countAfterBackup + 30 { try await Task.sleep(for: .milliseconds(20)) }
        ledger.stop()
        try await writers.value
        #expect(backup.status == 0, "\(backup.errors)")
        let summary = try JSON.parse(Array(backup.output.utf8))
        #expect(summary["integrity"] == "ok")
        #expect((summary["pages"]?.intValue ?? 0) > 0)
        #expect(backup.errors.isEmpty, "no progress display when standard error is not a terminal")

        let refused = try await ServerBinary.run(["restore", "--from", backupPath] + live)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("a running server holds"), "\(refused.errors)")
        #expect(await server.stop() == 0)

        let restoredArguments = ["--data-dir", folder + "/restored", "--config", config]
        let restored = try await ServerBinary.run(["restore", "--from", backupPath] + restoredArguments)
        #expect(restored.status == 0, "\(restored.errors)")
        #expect(try JSON.parse(Array(restored.output.utf8))["previous"] == .null)
        let second = try await ServerProcess(arguments: restoredArguments)
        let found = try await Self.allNumbers(port: second.port, key: key)
        #expect(await second.stop() == 0)

        let acknowledged = Set(ledger.numbers(before: backupBegan))
        #expect(acknowledged.count >= 60)
        #expect(acknowledged.isSubset(of: Set(found)), "every invoice answered before the backup began is in it")
        let sequence = found.compactMap { Int($0.split(separator: "-").last ?? "") }.sorted()
        #expect(sequence == Array(1...sequence.count), "numbers run from 1 without gaps")
        #expect(found.count <= ledger.count)
    }

    @Test func restoreChecksTheFileAndKeepsTheDatabaseItReplaces() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try ServerBinary.fastConfig(in: folder)
        let common = ["--data-dir", folder + "/data", "--config", config]
        #expect(try await ServerBinary.run(["store", "create", "--name", "Kept"] + common).status == 0)
        let backup = try await ServerBinary.run(["backup", "--to", folder + "/one.sqlite"] + common)
        #expect(backup.status == 0, "\(backup.errors)")
        let again = try await ServerBinary.run(["backup", "--to", folder + "/one.sqlite"] + common)
        #expect(again.status == 1)
        #expect(again.errors.contains("exists (give --force to replace it)"))
        #expect(try await ServerBinary.run(["backup", "--to", folder + "/one.sqlite", "--force"] + common).status == 0)

        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: folder + "/garbage.sqlite"))
        let garbage = try await ServerBinary.run(["restore", "--from", folder + "/garbage.sqlite"] + common)
        #expect(garbage.status == 1)
        #expect(garbage.errors.contains("cannot be restored"), "\(garbage.errors)")
        let missing = try await ServerBinary.run(["restore", "--from", folder + "/nothing.sqlite"] + common)
        #expect(missing.status == 1)
        #expect(missing.errors.contains("no backup at"))

        #expect(try await ServerBinary.run(["store", "create", "--name", "After the backup"] + common).status == 0)
        let restored = try await ServerBinary.run(["restore", "--from", folder + "/one.sqlite"] + common)
        #expect(restored.status == 0, "\(restored.errors)")
        let previous = try #require(try JSON.parse(Array(restored.output.utf8))["previous"]?.stringValue)
        #expect(FileManager.default.fileExists(atPath: previous))
        let stores = try await ServerBinary.run(["store", "list"] + common)
        #expect(stores.output.contains("Kept") && !stores.output.contains("After the backup"))
        try FileManager.default.createDirectory(atPath: folder + "/aside", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: previous, toPath: folder + "/aside/invoice-server.sqlite")
        let keptAside = try await ServerBinary.run(["store", "list", "--data-dir", folder + "/aside", "--config", config])
        #expect(keptAside.output.contains("After the backup"), "the replaced database is kept whole")
    }
}
