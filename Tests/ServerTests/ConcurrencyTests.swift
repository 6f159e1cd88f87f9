import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct ConcurrencyTests {
    @Test func fiftyClientsWritingAtOnceLoseNoRow() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            var tokens: [String] = []
            for index in 0..<50 { tokens.append(try await server.user("writer\(index)").token) }
            let codes = try await withThrowingTaskGroup(of: [Int64?].self) { group in
                for token in tokens {
                    group.addTask {
                        var codes: [Int64?] = []
                        for n in 0..<10 { codes.append(try await server.call("demo", "note", "add", ["text": .string("n\(n)")], token: token).code) }
                        return codes
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(codes.count == 500)
            #expect(codes.allSatisfy { $0 == 0 })
            let (rows, perUser, integrity) = try await server.kernel.access.storage.read { db in
                (
                    try db.scalar("SELECT COUNT(*) FROM demo_notes").int,
                    try db.query("SELECT COUNT(*) AS c FROM demo_notes GROUP BY user_id").compactMap { $0.int("c") },
                    try db.scalar("PRAGMA integrity_check").string
                )
            }
            #expect(rows == 500)
            #expect(perUser.count == 50 && perUser.allSatisfy { $0 == 10 })
            #expect(integrity == "ok")
        }
    }

    @Test func restartingOnTheSameDataReRunsMigrationsSafelyAndKeepsData() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let token = try await TestServer.with(plugins: [DemoPlugin()], dataDir: folder) { server in
            let (_, token) = try await server.user("persist")
            #expect(try await server.call("demo", "note", "add", ["text": "kept"], token: token).code == 0)
            return token
        }
        try await TestServer.with(plugins: [DemoPlugin()], dataDir: folder) { server in
            #expect(try await server.call("demo", "note", "count", token: token).data?["count"] == 1)
            let migrations = try await server.kernel.access.storage.read { db in
                try db.query("SELECT id FROM migrations ORDER BY rowid").compactMap { $0.string("id") }
            }
            #expect(
                migrations == [
                    "kernel/001-accounts", "kernel/002-plugins", "kernel/003-outbox", "kernel/004-remote-plugins", "kernel/005-cache-generations",
                    "kernel/006-api-key-prefixes", "kernel/007-outbox-failure-indexes", "demo/001-notes",
                ])
        }
    }

    @Test func inFlightRequestsFinishDuringGracefulShutdown() async throws {
        let (answers, sink) = AsyncStream.makeStream(of: HTTPResult.self)
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            Task {
                if let answer = try? await server.call("demo", "slow", "wait", ["ms": 800]) { sink.yield(answer) }
                sink.finish()
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        var iterator = answers.makeAsyncIterator()
        let answer = await iterator.next()
        #expect(answer?.code == 0)
        #expect(answer?.data?["waited"] == 800)
    }
}
