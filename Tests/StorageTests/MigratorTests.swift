import SQLiteStorage
import Storage
import Testing

@Suite struct MigratorTests {
    let migrations = [
        Migration("kernel/001-things", sql: "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)"),
        Migration("demo/001-widgets", sql: "CREATE TABLE demo_widgets (id INTEGER PRIMARY KEY)"),
        Migration("demo/002-seed") { db in try db.execute("INSERT INTO demo_widgets (id) VALUES (?)", 7) },
    ]

    @Test func migrationsApplyInOrderOnceAndAreRecordedWithTheirPlugin() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        let first = try await Migrator.migrate(pool, migrations, now: 1_764_000_000)
        #expect(first == ["kernel/001-things", "demo/001-widgets", "demo/002-seed"])
        let second = try await Migrator.migrate(pool, migrations, now: 1_764_000_000)
        #expect(second.isEmpty)
        let rows = try await pool.read { db in try db.query("SELECT id, plugin, applied_at FROM migrations ORDER BY rowid") }
        #expect(rows.map { $0.string("plugin") } == ["kernel", "demo", "demo"])
        #expect(rows.allSatisfy { ($0.string("applied_at") ?? "").hasSuffix("Z") })
        let widgets = try await pool.read { db in try db.scalar("SELECT COUNT(*) FROM demo_widgets").int }
        #expect(widgets == 1)
    }

    @Test func aFailingMigrationLeavesNoTraceAndStopsTheRest() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let pool = try file.open()
        defer { pool.close() }
        let broken = [
            Migration("demo/001-ok", sql: "CREATE TABLE demo_a (id INTEGER)"),
            Migration("demo/002-broken", sql: "CREATE TABLE demo_b (id INTEGER); CREATE TABLE demo_b (id INTEGER)"),
            Migration("demo/003-never", sql: "CREATE TABLE demo_c (id INTEGER)"),
        ]
        await #expect(throws: StorageError.self) { try await Migrator.migrate(pool, broken, now: 1_764_000_000) }
        let tables = try await pool.read { db in try db.tableNames(withPrefix: "demo_") }
        #expect(tables == ["demo_a"])
        #expect(try await Migrator.appliedMigrations(pool) == ["demo/001-ok"])
    }

    @Test func twoPoolsOnOneFileMigrateConcurrentlyWithoutDoubleApplying() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let a = try file.open()
        let b = try file.open()
        defer {
            a.close()
            b.close()
        }
        async let first = Migrator.migrate(a, migrations, now: 1_764_000_000)
        async let second = Migrator.migrate(b, migrations, now: 1_764_000_000)
        let applied = try await first + second
        #expect(applied.sorted() == migrations.map(\.id).sorted())
        let widgets = try await a.read { db in try db.scalar("SELECT COUNT(*) FROM demo_widgets").int }
        #expect(widgets == 1)
    }
}
