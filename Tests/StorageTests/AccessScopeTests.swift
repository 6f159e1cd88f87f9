import Foundation
import SQLiteStorage
import Storage
import Testing

/// SQLite's authorizer keeps a plugin's statements to its own tables.
@Suite struct AccessScopeTests {
    static func prepared() throws -> (TemporaryDatabase, SQLitePool) {
        let file = try TemporaryDatabase()
        let pool = try file.open()
        return (file, pool)
    }

    @Test func aPluginScopeReachesItsOwnTablesOnly() async throws {
        let (file, pool) = try Self.prepared()
        defer {
            pool.close()
            file.remove()
        }
        try await pool.write { db in
            try db.executeScript("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE demo_items (id INTEGER PRIMARY KEY, v TEXT)")
            try db.execute("INSERT INTO users (name) VALUES ('ann')")
        }
        let refused = [
            "SELECT name FROM users", "SELECT COUNT(*) FROM users", "INSERT INTO users (name) VALUES ('x')", "UPDATE users SET name = 'x'",
            "DELETE FROM users", "DROP TABLE users", "CREATE TABLE other_things (id INTEGER)", "CREATE INDEX demo_by_user ON users (name)",
            "ALTER TABLE users ADD COLUMN x TEXT", "COMMIT", "BEGIN", "SAVEPOINT x", "PRAGMA synchronous = OFF",
            "ATTACH DATABASE ':memory:' AS other", "SELECT * FROM demo_items, users",
        ]
        for sql in refused {
            do {
                try await pool.write { db in try db.withScope(.plugin("demo")) { try db.execute(sql) } }
                Issue.record("ran: \(sql)")
            } catch let error as StorageError {
                #expect(error.kind == .denied, "\(sql): \(error)")
            }
        }
        let rows = try await pool.write { db in
            try db.withScope(.plugin("demo")) {
                try db.execute("CREATE TABLE demo_more (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT UNIQUE)")
                try db.execute("CREATE INDEX demo_items_v ON demo_items (v)")
                try db.execute("ALTER TABLE demo_items ADD COLUMN w TEXT")
                try db.execute("INSERT INTO demo_items (v) VALUES ('a')")
                try db.execute("INSERT INTO demo_more (v) VALUES ('b')")
                return try db.query("SELECT v FROM demo_items").count
            }
        }
        #expect(rows == 1)
        let names = try await pool.read { db in try db.query("SELECT name FROM users").compactMap { $0.string("name") } }
        #expect(names == ["ann"], "the host still reads everything")
    }

    @Test func aStatementAuthorizedForTheHostIsNotReusedInAPluginScope() async throws {
        let (file, pool) = try Self.prepared()
        defer {
            pool.close()
            file.remove()
        }
        try await pool.write { db in try db.executeScript("CREATE TABLE users (id INTEGER PRIMARY KEY)") }
        let sql = "SELECT COUNT(*) FROM users"
        #expect(try await pool.read { db in try db.scalar(sql).int } == 0)
        await #expect(throws: StorageError.self) {
            _ = try await pool.read { db in try db.withScope(.plugin("demo")) { try db.scalar(sql) } }
        }
    }

    @Test func workAfterCommitRunsOnlyForWhatCommitted() async throws {
        let (file, pool) = try Self.prepared()
        defer {
            pool.close()
            file.remove()
        }
        let ran = Ran()
        struct Refused: Error {}
        try await pool.write { db in
            try db.executeScript("CREATE TABLE t (v TEXT)")
            db.afterCommit { ran.add("outer") }
            try? db.savepoint {
                db.afterCommit { ran.add("rolled back") }
                throw Refused()
            }
            try db.savepoint { db.afterCommit { ran.add("nested") } }
        }
        await #expect(throws: Refused.self) {
            try await pool.write { db in
                db.afterCommit { ran.add("failed write") }
                throw Refused()
            }
        }
        #expect(ran.all == ["outer", "nested"])
    }

    @Test func jobsAreCountedForTheTaskThatAsked() async throws {
        let (file, pool) = try Self.prepared()
        defer {
            pool.close()
            file.remove()
        }
        let counter = StorageJobCounter()
        try await StorageJobCounter.$current.withValue(counter) {
            _ = try await pool.read { db in try db.scalar("SELECT 1") }
            _ = try await pool.read { db in try db.scalar("SELECT 1") }
            try await pool.write { db in try db.executeScript("CREATE TABLE t (v TEXT)") }
        }
        _ = try await pool.read { db in try db.scalar("SELECT 1") }
        #expect(counter.readJobs == 2)
        #expect(counter.writeJobs == 1)
    }

    @Test func rowsDecodeStrictly() async throws {
        let (file, pool) = try Self.prepared()
        defer {
            pool.close()
            file.remove()
        }
        enum Status: String { case open, closed }
        let row = try #require(try await pool.read { db in try db.queryOne("SELECT 7 AS id, 'lost' AS status, NULL AS note") })
        do {
            _ = try row.decode("status", as: Status.self)
            Issue.record("an unknown status decoded")
        } catch let error as StorageError {
            #expect(error.kind == .decoding)
            #expect(error.message == "row 7: column 'status': unknown Status 'lost'")
        }
        #expect(throws: StorageError.self) { _ = try row.require("missing", as: Int64.self) }
        #expect(throws: StorageError.self) { _ = try row.require("note", as: String.self) }
        #expect(try row.optional("note", as: String.self) == nil)
        #expect(try row.require("id", as: Int64.self) == 7)
    }
}

/// A thread-safe list of what ran.
final class Ran: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
