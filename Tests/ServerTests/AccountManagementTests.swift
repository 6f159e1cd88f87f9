import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// `system/users|admins|stores|apikeys/*` and the profile actions, over real HTTP.
@Suite struct AccountManagementTests {
    @Test func adminsListSearchDisableAndReEnableUsersAndDisablingEndsTheirLogins() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let admin = try await server.admin("root")
            let (annID, annToken) = try await server.user("ann", password: "ann-password")
            _ = try await server.user("bob")
            let all = try await server.call("system", "users", "list", token: admin)
            #expect(all.data?["total"] == 2)
            #expect(all.data?["items"]?.arrayValue?.first?["name"] == "bob")
            let found = try await server.call("system", "users", "list", ["search": "ann@"], token: admin)
            #expect(found.data?["total"] == 1)
            #expect(found.data?["items"]?.arrayValue?.first?["live_tokens"] == 1)
            #expect(found.data?["items"]?.arrayValue?.first?["password_hash"] == nil)
            let wildcard = try await server.call("system", "users", "list", ["search": "%"], token: admin)
            #expect(wildcard.data?["total"] == 0)

            let disabled = try await server.call("system", "users", "disable", ["id": .int(annID)], token: admin)
            #expect(disabled.code == 0)
            #expect(disabled.data?["disabled"] == true)
            #expect(try await server.call("system", "user", "info", token: annToken).code == -400)
            #expect(try await server.call("system", "user", "login", ["accounts": "ann", "pwd": "ann-password"]).code == -1)

            #expect(try await server.call("system", "users", "enable", ["id": .int(annID)], token: admin).data?["disabled"] == false)
            #expect(try await server.call("system", "user", "info", token: annToken).code == -400, "re-enabling must not revive old tokens")
            #expect(try await server.call("system", "user", "login", ["accounts": "ann", "pwd": "ann-password"]).code == 0)

            #expect(try await server.call("system", "users", "disable", ["id": 999], token: admin).msg == "not found")
            #expect(try await server.call("system", "users", "disable", ["id": "abc"], token: admin).code == -5000)
            #expect(try await server.call("system", "users", "disable", token: admin).code == -5000)
        }
    }

    @Test func revokeTokensAndResetPasswordLogAUserOutEverywhere() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let admin = try await server.admin("root")
            let (id, token) = try await server.user("carol", password: "carol-password")
            let revoked = try await server.call("system", "users", "revoke_tokens", ["id": .int(id)], token: admin)
            #expect(revoked.data?["revoked"] == 1)
            #expect(try await server.call("system", "user", "info", token: token).code == -400)

            let reset = try await server.call("system", "users", "reset_password", ["id": .int(id)], token: admin)
            let generated = try #require(reset.data?["password"]?.stringValue)
            #expect(generated.count == 20)
            #expect(try await server.call("system", "user", "login", ["accounts": "carol", "pwd": "carol-password"]).code == -1)
            #expect(try await server.call("system", "user", "login", ["accounts": "carol", "pwd": .string(generated)]).code == 0)

            let chosen = try await server.call(
                "system", "users", "reset_password", ["id": .int(id), "password": "chosen-password"], token: admin)
            #expect(chosen.code == 0)
            #expect(chosen.data?["password"] == nil)
            let short = try await server.call("system", "users", "reset_password", ["id": .int(id), "password": "short"], token: admin)
            #expect(short.code == -1)
            #expect(short.msg == "the password needs at least 8 characters")
        }
    }

    @Test func accountActionsNeedTheirAdminPermission() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let limited = try await server.admin("limited", permissions: ["system.users.list"])
            let (_, userToken) = try await server.user("dave")
            #expect(try await server.call("system", "users", "list", token: limited).code == 0)
            #expect(try await server.call("system", "users", "disable", ["id": 1], token: limited).code == -1000)
            #expect(try await server.call("system", "admins", "list", token: limited).code == -1000)
            #expect(try await server.call("system", "users", "list", token: userToken).code == -1000)
            #expect(try await server.call("system", "users", "list").code == -400)
        }
    }

    @Test func adminsAreCreatedLimitedAndGivenPasswordsButTheLastSuperAdminKeepsItsPowers() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let root = try await server.admin("root")
            let created = try await server.call(
                "system", "admins", "create",
                ["name": "clerk", "password": "clerk-password", "permissions": "demo.stats.index, system.users.*"],
                token: root)
            #expect(created.data?["super"] == false)
            #expect(created.data?["permissions"] == ["demo.stats.index", "system.users.*"])
            let clerkID = try #require(created.data?["id"]?.intValue)
            let login = try await server.call("system", "admin", "login", ["accounts": "clerk", "pwd": "clerk-password"])
            let clerk = try #require(login.data?["token"]?.stringValue)
            #expect(try await server.call("demo", "stats", "index", token: clerk, path: "/admin/plugins/index").code == 0)
            #expect(try await server.call("system", "users", "list", token: clerk).code == 0)
            #expect(try await server.call("system", "admins", "list", token: clerk).code == -1000)

            #expect(
                try await server.call("system", "admins", "create", ["name": "clerk", "password": "clerk-password"], token: root).code != 0)
            let malformed = try await server.call(
                "system", "admins", "create", ["name": "x", "password": "long-enough", "permissions": "a.b.c.d"], token: root)
            #expect(malformed.code == -5000)

            let rootID = try #require(try await server.call("system", "admin", "info", token: root).data?["id"]?.intValue)
            let own = try await server.call("system", "admins", "permissions", ["id": .int(rootID), "permissions": "demo.*"], token: root)
            #expect(own.code == -1)
            #expect(own.msg == "you cannot change your own powers")
            #expect(
                try await server.call("system", "admins", "permissions", ["id": .int(clerkID), "super": true], token: root).data?["super"]
                    == true)
            #expect(
                try await server.call("system", "admins", "permissions", ["id": .int(rootID), "permissions": "demo.*"], token: clerk).code
                    == 0)
            await #expect(throws: KernelError.self, "the last super-admin keeps its powers") {
                try await server.kernel.access.accounts.setAdminPermissions(id: clerkID, permissions: [])
            }

            #expect(
                try await server.call(
                    "system", "admins", "password", ["id": .int(clerkID), "password": "new-clerk-password"], token: clerk
                ).code == 0)
            #expect(
                try await server.call("system", "admin", "info", token: clerk).code == 0, "changing one's own password keeps this login")
            let listed = try await server.call("system", "admins", "list", token: clerk)
            #expect(listed.data?.arrayValue?.count == 2)
        }
    }

    @Test func storesAreCreatedAndRenamedWithUniqueNonNumericNames() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let root = try await server.admin("root")
            let created = try await server.call("system", "stores", "create", ["name": "  North  "], token: root)
            #expect(created.data?["name"] == "North")
            let id = try #require(created.data?["id"]?.intValue)
            #expect(try await server.call("system", "stores", "create", ["name": "North"], token: root).code == -101)
            #expect(try await server.call("system", "stores", "create", ["name": "123"], token: root).code == -5000)
            #expect(
                try await server.call("system", "stores", "update", ["id": .int(id), "name": "South"], token: root).data?["name"] == "South"
            )
            #expect(try await server.call("system", "stores", "update", ["id": 99, "name": "West"], token: root).msg == "not found")
            let names = try await server.call("system", "stores", "list", token: root).data?.arrayValue?.compactMap {
                $0["name"]?.stringValue
            }
            #expect(names == ["default", "South"])
        }
    }

    @Test func apiKeysAreListedByPrefixAndRevokedKeysStopWorking() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let root = try await server.admin("root")
            let unknown = try await server.call("system", "apikeys", "create", ["store_id": 1, "scopes": "nosuch"], token: root)
            #expect(unknown.code == -1)
            #expect(unknown.msg == "unknown scope 'nosuch' (known: *, notes)")
            #expect(try await server.call("system", "apikeys", "create", ["store_id": 7, "scopes": "notes"], token: root).code == -5000)
            let created = try await server.call(
                "system", "apikeys", "create", ["store_id": 1, "scopes": "notes", "name": "shop"], token: root)
            let key = try #require(created.data?["key"]?.stringValue)
            let id = try #require(created.data?["id"]?.intValue)
            #expect(created.data?["prefix"] == .string(String(key.prefix(12))))
            #expect(try await server.call("demo", "merchant", "whoami", headers: [("X-Api-Key", key)]).code == 0)

            let listed = try await server.call("system", "apikeys", "list", ["store_id": 1], token: root)
            #expect(listed.data?["scopes"] == ["*", "notes"])
            #expect(listed.data?["items"]?.arrayValue?.first?["prefix"] == .string(String(key.prefix(12))))
            #expect(!listed.text.contains(key), "a listing never shows the key")

            #expect(try await server.call("system", "apikeys", "revoke", ["id": .int(id), "store_id": 2], token: root).msg == "not found")
            let revoked = try await server.call("system", "apikeys", "revoke", ["id": .int(id)], token: root)
            #expect(revoked.data?["revoked"] == true)
            #expect(try await server.call("demo", "merchant", "whoami", headers: [("X-Api-Key", key)]).code == -401, "a revoked key")
        }
    }

    @Test func usersChangeTheirOwnPasswordKeepingThisLoginAndCanLogOutEverywhere() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let (id, token) = try await server.user("erin", password: "erin-password")
            let other = try await server.kernel.access.accounts.issueToken(kind: .user, subjectID: id)
            let change = { (current: String, new: String, again: String) in
                try await server.call(
                    "system", "user", "password", ["my_pwd": .string(current), "new_pwd": .string(new), "confirm_new_pwd": .string(again)],
                    token: token)
            }
            #expect(try await change("wrong-password", "next-password", "next-password").msg == "the current password is wrong")
            #expect(try await change("erin-password", "next-password", "other-password").msg == "the two new passwords differ")
            #expect(try await change("erin-password", "short", "short").msg == "the password needs at least 8 characters")
            #expect(try await change("erin-password", "next-password", "next-password").code == 0)
            #expect(try await server.call("system", "user", "info", token: token).code == 0)
            #expect(try await server.call("system", "user", "info", token: other).code == -400)
            #expect(try await server.call("system", "user", "login", ["accounts": "erin", "pwd": "next-password"]).code == 0)

            let everywhere = try await server.call("system", "user", "logout_all", token: token)
            #expect(everywhere.data?["revoked"] == 2)
            #expect(try await server.call("system", "user", "info", token: token).code == -400)
            #expect(try await server.call("system", "user", "logout_all").code == -400)
        }
    }
}
