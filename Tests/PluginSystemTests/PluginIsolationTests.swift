import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// What a plugin is lent is all it can reach: its own tables through `PluginServices`, and no
/// way to the accounts, the registry or other plugins' tables - refused by the compiler where
/// the SDK has no such thing, by SQLite's authorizer where SQL could name it.
@Suite struct PluginIsolationTests {
    @Test func aPluginsSQLReachesOnlyItsOwnTables() async throws {
        try await TestServer.with(plugins: [GreeterPlugin(), IntruderPlugin()]) { server in
            let admin = try await server.admin("root")
            #expect(try await server.call("greeter", "name", "add", ["name": "Ann"]).code == 0)
            for action in IntruderPlugin.attempts.keys.sorted() where action != "own_table" {
                let answer = try await server.call("intruder", "try", action)
                #expect(answer.code == -1, "\(action): \(answer.text)")
                #expect(answer.msg == "internal error", "\(action)")
                #expect(answer.data?["request_id"] != nil, "\(action)")
            }
            #expect(try await server.call("intruder", "try", "own_table").code == 0)

            let host = server.kernel.access.storage
            let (admins, loot) = try await host.read { db in
                (try db.scalar("SELECT COUNT(*) FROM admins").int64, try db.scalar("SELECT COUNT(*) FROM intruder_loot").int64)
            }
            #expect(admins == 1, "only the test's own admin")
            #expect(loot == 1)
            #expect(try await server.call("greeter", "name", "count").data?["count"] == 1)
            #expect(try await server.listed("greeter", token: admin)?["enabled"] == true)
        }
    }

    @Test func aPluginsMigrationCannotTouchAnotherOwnersTables() async throws {
        struct Squatter: Plugin {
            let manifest = PluginManifest(name: "squatter", title: "S", version: "1", author: "t", description: "d")
            var migrations: [Migration] { [Migration("squatter/001-take", sql: "CREATE TABLE users_shadow (id INTEGER)")] }
            var routes: [Route] { [] }
        }
        await #expect(throws: StorageError.self) {
            try await TestServer.with(plugins: [Squatter()]) { _ in }
        }
    }

    /// The SDK offers no way to create accounts, reach the registry or lift a scope: a plugin
    /// that tries does not compile. Each snippet is type-checked against the built PluginSDK
    /// module, as a plugin in another package sees it; the first one, which uses only what is
    /// lent, must compile, so the refusals are the compiler's answer to those calls alone.
    @Test func whatIsNotLentDoesNotCompile() async throws {
        let lent = """
            import PluginSDK
            func act(_ context: ActionContext) async throws {
                _ = try await context.storage.read { db in try context.services.accounts.user(id: 1, in: db) }
            }
            """
        let attempts: [(code: String, refusal: String)] = [
            (
                "func act(_ c: ActionContext) async throws { _ = try await c.services.accounts.createAdmin(name: \"x\", password: nil) }",
                "has no member 'createAdmin'"
            ),
            ("func act(_ c: ActionContext) { _ = c.services.registry }", "has no member 'registry'"),
            ("func act(_ c: ActionContext) async throws { try await c.services.uninstall(\"greeter\") }", "has no member 'uninstall'"),
            ("func act(_ db: Database) throws { try db.asHost { try db.execute(\"DELETE FROM users\") } }", "'asHost' is inaccessible"),
            ("func act(_ w: any DatabaseWriter) { _ = PluginStorage(base: w, plugin: \"invoice\") }", "is inaccessible due to 'package'"),
        ]
        let compiled = try await Self.typecheck(lent)
        #expect(compiled.status == 0, "\(compiled.output)")
        for attempt in attempts {
            let result = try await Self.typecheck("import PluginSDK\n" + attempt.code)
            #expect(result.status != 0, "compiled: \(attempt.code)")
            #expect(result.output.contains(attempt.refusal), "\(attempt.code): \(result.output)")
        }
    }

    /// Runs `swiftc -typecheck` on `source` with the package's built modules on the search path.
    static func typecheck(_ source: String) async throws -> (status: Int32, output: String) {
        let modules = ServerBinary.url.deletingLastPathComponent().appendingPathComponent("Modules").path
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-\(UUID().uuidString).swift")
        try Data(source.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["swiftc", "-typecheck", "-swift-version", "6", "-I", modules, file.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }
}
