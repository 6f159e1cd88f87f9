import Foundation
import SQLiteStorage
import Storage
import Testing

@Suite struct SQLitePoolTests {
    @Test func writesAreReadBackWithTheirTypes() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        try await pool.write { db in
            try db.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
            try db.execute("INSERT INTO t (i, r, s, b, n) VALUES (?, ?, ?, ?, ?)", 42, 2.5, "héllo\u{0}世界", [UInt8]([0, 1, 255]), SQLValue.null)
        }
        let row = try #require(try await pool.read { db in try db.queryOne("SELECT * FROM t") })
        #expect(row.int("i") == 42)
        #expect(row.double("r") == 2.5)
        #expect(row.string("s") == "héllo\u{0}世界")
        #expect(row["b"] == .blob([0, 1, 255]))
        #expect(row["n"].isNull)
        #expect(row["missing"].isNull)
    }

    @Test func aThrowingWriteIsRolledBackAloneAndOthersInTheBatchCommit() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        try await pool.write { db in try db.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)") }
        struct Refused: Error {}
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    do {
                        try await pool.write { db in
                            try db.execute("INSERT INTO t (v) VALUES (?)", "row-\(index)")
                            if index % 4 == 0 { throw Refused() }
                        }
                    } catch is Refused {}
                }
            }
            try await group.waitForAll()
        }
        let values = try await pool.read { db in try db.query("SELECT v FROM t").compactMap { $0.string("v") } }
        #expect(values.count == 30)
        #expect(!values.contains("row-0"))
        #expect(values.contains("row-1"))
    }

    @Test func aFailingFirstWriteOfABatchTakesNothingElseWithIt() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        try await pool.write { db in try db.executeScript("CREATE TABLE t (v TEXT)") }
        struct Refused: Error {}
        // The first write holds the writer until the next two are queued, so they share the next
        // transaction: the refused one first (it runs without a savepoint), then the good one.
        let gate = DispatchSemaphore(value: 0)
        let holding = Task { try await pool.write { _ in gate.wait() } }
        try await Task.sleep(for: .milliseconds(100))
        let refused = Task {
            try await pool.write { db in
                try db.execute("INSERT INTO t (v) VALUES ('refused')")
                throw Refused()
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        let kept = Task { try await pool.write { db in try db.execute("INSERT INTO t (v) VALUES ('kept')") } }
        try await Task.sleep(for: .milliseconds(100))
        gate.signal()
        try await holding.value
        await #expect(throws: Refused.self) { try await refused.value }
        try await kept.value
        let values = try await pool.read { db in try db.query("SELECT v FROM t").compactMap { $0.string("v") } }
        #expect(values == ["kept"])
    }

    @Test func theLogIsCopiedIntoTheDatabaseFileWithoutAnotherWrite() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        try await pool.write { db in try db.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB)") }
        // 24 MB in 1 MB writes: about 6,000 pages of log, far past the checkpoint threshold
        // (1,000 pages) and well short of the writer's own fallback (16,000).
        for _ in 0..<24 {
            try await pool.write { db in
                for _ in 0..<16 { try db.execute("INSERT INTO t (data) VALUES (randomblob(65536))") }
            }
        }
        // No write follows: the checkpoint thread alone copies the log into the file (all but the
        // last, under 1,000 pages: that waits for the next checkpoint).
        var size = 0
        for _ in 0..<100 {
            size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            if size >= 20 << 20 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(size >= 20 << 20, "the database file holds \(size) bytes; the log was not checkpointed")
    }

    @Test func fiftyConcurrentWritersLoseNoRowAndTheFileStaysIntact() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        try await pool.write { db in try db.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, writer INTEGER, n INTEGER)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<50 {
                group.addTask {
                    for n in 0..<20 {
                        try await pool.write { db in try db.execute("INSERT INTO t (writer, n) VALUES (?, ?)", writer, n) }
                    }
                }
            }
            try await group.waitForAll()
        }
        pool.close()
        let reopened = try file.open()
        defer { reopened.close() }
        let (count, distinct, check) = try await reopened.read { db in
            (
                try db.scalar("SELECT COUNT(*) FROM t").int ?? -1,
                try db.scalar("SELECT COUNT(DISTINCT writer * 100 + n) FROM t").int ?? -1,
                try db.scalar("PRAGMA integrity_check").string ?? ""
            )
        }
        #expect(count == 1000)
        #expect(distinct == 1000)
        #expect(check == "ok")
    }

    @Test func constraintViolationsAreReportedAsConstraintErrors() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        try await pool.write { db in try db.executeScript("CREATE TABLE t (k TEXT PRIMARY KEY)") }
        try await pool.write { db in try db.execute("INSERT INTO t (k) VALUES (?)", "a") }
        await #expect(throws: StorageError.self) {
            try await pool.write { db in try db.execute("INSERT INTO t (k) VALUES (?)", "a") }
        }
        do {
            try await pool.write { db in try db.execute("INSERT INTO t (k) VALUES (?)", "a") }
        } catch let error as StorageError {
            #expect(error.kind == .constraint)
        }
    }

    @Test func readersCannotWrite() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        try await pool.write { db in try db.executeScript("CREATE TABLE t (k TEXT)") }
        await #expect(throws: StorageError.self) {
            try await pool.read { db in try db.execute("INSERT INTO t (k) VALUES ('x')") }
        }
        let count = try await pool.read { db in try db.scalar("SELECT COUNT(*) FROM t").int }
        #expect(count == 0)
    }

    @Test func walAndSynchronousFullAreSetByDefault() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        let (mode, synchronous) = try await pool.write { db in
            (try db.scalar("PRAGMA journal_mode").string, try db.scalar("PRAGMA synchronous").int)
        }
        #expect(mode == "wal")
        #expect(synchronous == 2)
    }

    @Test func wrongArgumentCountIsRefusedBeforeRunning() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        await #expect(throws: StorageError.self) {
            try await pool.read { db in try db.query("SELECT ?, ?", 1) }
        }
    }

    @Test func aClosedPoolRefusesWork() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        pool.close()
        await #expect(throws: StorageError.self) {
            try await pool.read { db in try db.scalar("SELECT 1") }
        }
    }
}
