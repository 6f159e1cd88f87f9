import Foundation
import InvoiceServerCLI
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct AuthTests {
    @Test func userActionsWithoutATokenAnswerMinus400WithTheLoginPage() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await server.call("demo", "note", "count", query: "token=")
            #expect(answer.status == 200)
            #expect(answer.code == -400)
            #expect(answer.data == .string("/?s=user/logininfo.html"))
        }
    }

    @Test func loginWithShopXOFieldsGivesATokenAcceptedAsParameterOrBearer() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            _ = try await server.user("alice", password: "correct horse")
            let wrong = try await server.call("system", "user", "login", ["accounts": "alice", "pwd": "wrong"])
            #expect(wrong.code == -1)
            #expect(wrong.msg == "wrong account or password")
            let unknown = try await server.call("system", "user", "login", ["accounts": "nobody", "pwd": "x"])
            #expect(unknown.code == -1)
            let login = try await server.call("system", "user", "login", ["accounts": "alice@example.com", "pwd": "correct horse"])
            #expect(login.code == 0)
            let token = try #require(login.data?["token"]?.stringValue)
            #expect(token.count == 64)
            #expect(try await server.call("demo", "note", "add", ["text": "hi"], token: token).code == 0)
            let bearer = try await server.call("demo", "note", "count", headers: [("Authorization", "Bearer \(token)")])
            #expect(bearer.data?["count"] == 1)
        }
    }

    @Test func tokensAreStoredOnlyAsHashes() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let (_, token) = try await server.user("hashme")
            let stored = try await server.kernel.access.storage.read { db in
                try db.query("SELECT token_hash FROM tokens").map { $0["token_hash"] }
            }
            #expect(stored.count == 1)
            #expect(stored.first == .blob(SecureToken.hash(token)))
            let dump = try String(contentsOfFile: server.kernel.access.configuration.databasePath, encoding: .isoLatin1)
            #expect(!dump.contains(token))
        }
    }

    @Test func logoutRevokesTheToken() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let (_, token) = try await server.user("bob")
            #expect(try await server.call("demo", "note", "count", token: token).code == 0)
            #expect(try await server.call("system", "user", "logout", token: token).code == 0)
            #expect(try await server.call("demo", "note", "count", token: token).code == -400)
        }
    }

    @Test func aTokenRevokedByAnotherProcessStopsWorkingWithinASecond() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let (_, token) = try await server.user("carol")
            #expect(try await server.call("demo", "note", "count", token: token).code == 0)
            var configuration = TestServer.testConfiguration(dataDir: server.dataDir)
            configuration.autoInstallPlugins = false
            let other = try await Kernel(configuration: configuration, plugins: [DemoPlugin()], modules: HostModules.standard)
            #expect(try await other.access.accounts.revokeToken(token))
            other.shutdown()
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await server.call("demo", "note", "count", token: token).code == -400)
        }
    }

    @Test func theTokenLifetimeIsConfigurable() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.tokenLifetimeSeconds = 2 }) { server in
            let (_, token) = try await server.user("dave")
            #expect(try await server.call("demo", "note", "count", token: token).code == 0)
            try await Task.sleep(for: .milliseconds(3_100))
            #expect(try await server.call("demo", "note", "count", token: token).code == -400)
        }
    }

    @Test func malformedAndForgedTokensAnswerMinus400() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            for token in ["abc", String(repeating: "g", count: 64), String(repeating: "0", count: 64), "' OR 1=1 --"] {
                let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let answer = try await server.call("demo", "note", "count", token: encoded)
                #expect(answer.code == -400)
            }
        }
    }

    @Test func aUserCallingAnAdminActionAnswersMinus1000() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let (_, token) = try await server.user("erin")
            let answer = try await server.call("demo", "stats", "index", token: token, path: "/admin/plugins/index")
            #expect(answer.code == -1000)
            #expect(try await server.call("demo", "stats", "index", path: "/admin/plugins/index").code == -400)
        }
    }

    @Test func adminPermissionsAreCheckedByPluginControlActionName() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let superAdmin = try await server.admin("root")
            let scoped = try await server.admin("clerk", permissions: ["demo.stats.*"])
            let other = try await server.admin("other", permissions: ["invoice.invoice.index"])
            #expect(try await server.call("demo", "stats", "index", token: superAdmin).data?["admin"] == "root")
            #expect(try await server.call("demo", "stats", "index", token: scoped).code == 0)
            #expect(try await server.call("demo", "stats", "index", token: other).code == -1000)
            #expect(try await server.call("demo", "note", "count", token: superAdmin).code == -400)
        }
    }

    @Test func apiKeysNeedTheirScopeAndActForTheirStore() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let accounts = server.kernel.access.accounts
            let store = try await accounts.store("second-shop")
            let good = try await accounts.createAPIKey(storeID: store, scopes: ["notes"])
            let narrow = try await accounts.createAPIKey(storeID: store, scopes: ["invoices"])
            let ok = try await server.call("demo", "merchant", "whoami", headers: [("Authorization", "Bearer \(good.key)")])
            #expect(ok.data?["store_id"] == .int(store))
            let header = try await server.call("demo", "merchant", "whoami", headers: [("X-Api-Key", good.key)])
            #expect(header.code == 0)
            #expect(try await server.call("demo", "merchant", "whoami", headers: [("X-Api-Key", narrow.key)]).code == -1000)
            #expect(try await server.call("demo", "merchant", "whoami").code == -400)
            let (_, userToken) = try await server.user("frank")
            #expect(try await server.call("demo", "merchant", "whoami", token: userToken).code == -1000)
        }
    }

    @Test func passwordsAreStoredWithASlowSaltedHash() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            _ = try await server.user("gina", password: "same")
            _ = try await server.user("hank", password: "same")
            let hashes = try await server.kernel.access.storage.read { db in
                try db.query("SELECT password_hash FROM users ORDER BY id").compactMap { $0.string("password_hash") }
            }
            #expect(hashes.count == 2)
            #expect(hashes[0] != hashes[1])
            #expect(hashes.allSatisfy { $0.hasPrefix("pbkdf2-sha256$1000$") && !$0.contains("same") })
        }
    }
}
