import Foundation
import SQLiteStorage
import Storage
import Synchronization
import Testing

/// The writer held for one transaction across many jobs (`TransactionSharing`), as atomic batches
/// use it: on a real SQLite file.
@Suite struct SharedTransactionTests {
    private struct Refused: Error {}

    /// Runs `body` with a pool on a fresh file holding the table `t (id, v UNIQUE)`.
    private static func withTable(_ body: (SQLitePool, TemporaryDatabase) async throws -> Void) async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        try await pool.write { db in try db.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)") }
        try await body(pool, file)
    }

    private static func count(_ pool: SQLitePool) async throws -> Int? {
        try await pool.read { db in try db.scalar("SELECT COUNT(*) FROM t").int }
    }

    @Test func jobsShareOneTransactionReadsSeeEarlierWritesAndCommitActionsWaitForTheCommit() async throws {
        try await Self.withTable { pool, file in
            let ran = Mutex<[String]>([])
            let seen = try await pool.inOneTransaction(timeLimit: .seconds(5)) {
                try await pool.write { db in
                    try db.execute("INSERT INTO t (v) VALUES ('a')")
                    db.afterCommit { ran.withLock { $0.append("commit action") } }
                }
                SharedTransaction.current?.afterCommit { ran.withLock { $0.append("committed work") } }
                // A failing job is undone alone, as in any write.
                await #expect(throws: Refused.self) {
                    try await pool.write { db in
                        try db.execute("INSERT INTO t (v) VALUES ('lost')")
                        throw Refused()
                    }
                }
                try await pool.write { db in try db.execute("INSERT INTO t (v) VALUES ('b')") }
                #expect(ran.withLock { $0 }.isEmpty, "nothing runs before the shared transaction commits")
                return try await pool.read { db in try db.query("SELECT v FROM t ORDER BY id").compactMap { $0.string("v") } }
            }
            #expect(seen == ["a", "b"], "a read inside sees the writes before it, and not the undone one")
            #expect(ran.withLock { $0 } == ["commit action", "committed work"])
            let other = try await file.committedCount()
            #expect(other == 2, "committed to the file")
        }
    }

    @Test func aThrowingBodyKeepsNothingAndRunsNoCommitWork() async throws {
        try await Self.withTable { pool, file in
            let ran = Mutex(0)
            await #expect(throws: Refused.self) {
                try await pool.inOneTransaction(timeLimit: .seconds(5)) {
                    for index in 0..<5 {
                        try await pool.write { db in
                            try db.execute("INSERT INTO t (v) VALUES (?)", "row-\(index)")
                            db.afterCommit { ran.withLock { $0 += 1 } }
                        }
                    }
                    SharedTransaction.current?.afterCommit { ran.withLock { $0 += 1 } }
                    throw Refused()
                }
            }
            #expect(try await Self.count(pool) == 0)
            #expect(try await file.committedCount() == 0)
            #expect(ran.withLock { $0 } == 0)
            try await pool.write { db in try db.execute("INSERT INTO t (v) VALUES ('after')") }
            #expect(try await Self.count(pool) == 1, "the writer serves others again")
        }
    }

    @Test func otherWritesWaitForTheHeldWriterAndThenCommitOnTheirOwn() async throws {
        try await Self.withTable { pool, file in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    await #expect(throws: Refused.self) {
                        try await pool.inOneTransaction(timeLimit: .seconds(5)) {
                            for index in 0..<20 {
                                try await pool.write { db in try db.execute("INSERT INTO t (v) VALUES (?)", "held-\(index)") }
                                try await Task.sleep(for: .milliseconds(2))
                            }
                            throw Refused()
                        }
                    }
                }
                for index in 0..<20 {
                    group.addTask { try await pool.write { db in try db.execute("INSERT INTO t (v) VALUES (?)", "single-\(index)") } }
                }
                try await group.waitForAll()
            }
            let values = try await pool.read { db in try db.query("SELECT v FROM t").compactMap { $0.string("v") } }
            #expect(values.count == 20)
            #expect(values.allSatisfy { $0.hasPrefix("single-") })
        }
    }

    @Test func aTransactionPastItsTimeLimitRollsBackAndLaterJobsFail() async throws {
        try await Self.withTable { pool, file in
            let error = await #expect(throws: StorageError.self) {
                try await pool.inOneTransaction(timeLimit: .milliseconds(200)) {
                    try await pool.write { db in try db.execute("INSERT INTO t (v) VALUES ('early')") }
                    try await Task.sleep(for: .milliseconds(600))
                    try await pool.write { db in try db.execute("INSERT INTO t (v) VALUES ('late')") }
                }
            }
            #expect(error?.kind == .busy || error?.kind == .misuse)
            #expect(try await Self.count(pool) == 0, "the early write was rolled back with the transaction")
            try await pool.write { db in try db.execute("INSERT INTO t (v) VALUES ('after')") }
            #expect(try await Self.count(pool) == 1)
        }
    }

    @Test func aSharedTransactionCannotOpenAnother() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        let error = await #expect(throws: StorageError.self) {
            try await pool.inOneTransaction(timeLimit: .seconds(5)) {
                try await pool.inOneTransaction(timeLimit: .seconds(5)) {}
            }
        }
        #expect(error?.kind == .misuse)
    }
}

extension TemporaryDatabase {
    /// Rows of `t` as a pool of its own reads the file: what another process sees.
    func committedCount() async throws -> Int? {
        let reader = try open()
        defer { reader.close() }
        return try await reader.read { db in try db.scalar("SELECT COUNT(*) FROM t").int }
    }
}
