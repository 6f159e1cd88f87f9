import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// `invoice-server user|admin|store|apikey ...` account management, run as real processes.
@Suite struct AccountCommandTests {
    @Test func storesUsersAdminsAndAPIKeysAreManagedFromTheCommandLine() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let common = ["--data-dir", folder + "/data", "--config", try ServerBinary.fastConfig(in: folder)]
        func run(_ arguments: [String]) async throws -> (status: Int32, lines: [JSON], errors: String) {
            let result = try await ServerBinary.run(arguments + common)
            return (result.status, result.output.split(separator: "\n").compactMap { try? JSON.parse(Array($0.utf8)) }, result.errors)
        }

        let store = try await run(["store", "create", "--name", "North"])
        #expect(store.status == 0, "\(store.errors)")
        #expect(store.lines.first?["id"] == 2)
        #expect(try await run(["store", "update", "--id", "2", "--name", "South"]).lines.first?["name"] == "South")
        #expect(try await run(["store", "create", "--name", "South"]).status != 0)
        #expect(try await run(["store", "list"]).lines.compactMap { $0["name"]?.stringValue } == ["default", "South"])

        _ = try await run([
            "user", "create", "--name", "ann", "--email", "ann@example.com", "--password", "ann-password", "--store", "South",
        ])
        let users = try await run(["user", "list", "--store", "South"])
        #expect(users.lines.count == 1)
        let annID = try #require(users.lines.first?["id"]?.intValue)
        #expect(users.lines.first?["live_tokens"] == 1)
        #expect(try await run(["user", "revoke-tokens", "--id", String(annID)]).lines.first?["revoked"] == 1)
        #expect(try await run(["user", "disable", "--id", String(annID)]).lines.first?["disabled"] == true)
        #expect(try await run(["user", "enable", "--id", String(annID)]).lines.first?["disabled"] == false)
        let short = try await run(["user", "password", "--id", String(annID), "--password", "short"])
        #expect(short.status != 0)
        #expect(short.errors.contains("at least 8 characters"))
        #expect(try await run(["user", "password", "--id", String(annID), "--password", "long-enough"]).status == 0)
        #expect(try await run(["user", "disable", "--id", "99"]).errors.contains("not found"))

        _ = try await run(["admin", "create", "--name", "root", "--password", "root-password"])
        _ = try await run(["admin", "create", "--name", "clerk", "--password", "clerk-password"])
        let limited = try await run(["admin", "permissions", "--id", "2", "--permissions", "invoice.merchant.*"])
        #expect(limited.lines.first?["permissions"] == ["invoice.merchant.*"])
        #expect(try await run(["admin", "permissions", "--id", "2", "--permissions", "bad permission"]).status != 0)
        #expect(try await run(["admin", "permissions", "--id", "1", "--permissions", "invoice.*"]).errors.contains("last super-admin"))
        #expect(try await run(["admin", "list"]).lines.map { $0["super"] } == [true, false])
        #expect(try await run(["admin", "password", "--id", "2", "--password", "clerk-password-2"]).status == 0)

        let created = try await run(["apikey", "create", "--store", "South", "--scopes", "invoices", "--name", "till"])
        let key = try #require(created.lines.first?["key"]?.stringValue)
        let listed = try await run(["apikey", "list", "--store", "2"])
        #expect(listed.lines.first?["prefix"] == .string(String(key.prefix(12))))
        #expect(listed.lines.first?["name"] == "till")
        #expect(try await run(["apikey", "revoke", "--id", "1"]).lines.first?["revoked"] == true)
    }
}
