import Contracts
import Foundation
import Kernel
import Outbox
import PluginSDK
import Logging
import TestSupport
import Testing

@Suite struct RemotePluginTests {
    static func manifest(name: String = "loyalty", timeout: Int64 = 5) -> JSON {
        [
            "name": .string(name), "version": "1.2.0", "title": "Loyalty points",
            "actions": [
                ["control": "greet", "action": "hello", "access": "user"],
                ["control": "greet", "action": "refuse", "access": "public"],
                ["control": "greet", "action": "slow", "access": "public"],
                ["control": "greet", "action": "garbage", "access": "public"],
                ["control": "greet", "action": "missing", "access": "public"],
                ["control": "greet", "action": "grant", "access": "admin"],
                ["control": "greet", "action": "sync", "access": "apikey:loyalty"],
            ],
            "events": ["invoice.paid"], "timeout_seconds": .int(timeout),
        ]
    }

    /// Runs `body` with a server and a started Python plugin, stopping the plugin afterwards.
    private func withRemote(_ body: @Sendable (TestServer, PythonRemotePlugin, String) async throws -> Void) async throws {
        let remote = try await PythonRemotePlugin()
        defer { remote.stop() }
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            try await body(server, remote, admin)
        }
    }

    @Test func registerCallDisableRefuseUninstall() async throws {
        try await withRemote { server, remote, admin in
            let registered = try await server.pluginAdmin(
                "register", ["manifest": Self.manifest(), "base_url": .string(remote.baseURL + "/")], token: admin)
            #expect(registered.code == 0)
            let secret = try #require(registered.data?["secret"]?.stringValue)
            #expect(secret.hasPrefix("rps_") && secret.count == 68)
            try remote.useSecret(secret)

            let listed = try await server.listed("loyalty", token: admin)
            #expect(listed?["source"] == "remote")
            #expect(listed?["enabled"] == true)
            #expect(listed?["version"] == "1.2.0")
            #expect(listed?["events"] == ["invoice.paid"])
            #expect(listed?.text.contains(secret) == false)

            // A user's call is forwarded with the user's identity, signed, without the token.
            let user = try await server.user("ann")
            let answer = try await server.call(
                "loyalty", "greet", "hello", ["name": "Ann", "user_id": 999], token: user.token, query: "lang=fa")
            #expect(answer.code == 0)
            #expect(answer.msg == "hi")
            #expect(answer.data?["hello"] == "Ann")
            #expect(answer.data?["caller"] == ["kind": "user", "user_id": .int(user.id), "store_id": 1])
            #expect(answer.data?["lang"] == "fa")
            let forwarded = try #require(remote.requests().last)
            #expect(forwarded.path == "/greet/hello")
            #expect(forwarded.verified)
            #expect(!forwarded.body.contains(user.token))
            let sent = try JSON.parse(Array(forwarded.body.utf8))
            #expect(sent["params"]?["token"] == nil)
            #expect(sent["params"]?["pluginsname"] == nil)
            // A parameter naming another user is passed as a parameter; the identity stays the caller's.
            #expect(sent["params"]?["user_id"] == 999)
            #expect(sent["caller"]?["user_id"] == .int(user.id))

            // An event it subscribed to goes out through the outbox, signed, and is retried until
            // the plugin acknowledges it (its first delivery fails with HTTP 500).
            let invoiceHooks = server.kernel.access.services(for: "invoice").hooks
            try await invoiceHooks.publish(HookEvent(InvoiceEvents.paid, storeID: 1, payload: ["id": 5, "total": "10.00"]))
            try await invoiceHooks.publish(HookEvent(InvoiceEvents.refunded, storeID: 1, payload: ["id": 5]))
            var policy = OutboxPolicy()
            policy.baseDelaySeconds = 0
            let worker = OutboxWorker(
                storage: server.kernel.access.storage, channels: OutboxConfiguration().channels, policy: policy,
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            #expect(try await worker.runOnce() == 1)
            #expect(try await worker.runOnce() == 1)
            let deliveries = remote.requests().filter { $0.path == "/events" }
            #expect(deliveries.count == 2)
            #expect(deliveries.filter { !$0.verified }.isEmpty)
            let event = try JSON.parse(Array(try #require(deliveries.last).body.utf8))
            #expect(event["type"] == "invoice.paid")
            #expect(event["store_id"] == 1)
            #expect(event["data"] == ["id": 5, "total": "10.00"])
            #expect(try await server.outboxStatuses() == ["delivered"])

            // Access levels of the manifest are enforced by the kernel before anything is forwarded.
            let before = remote.requests().count
            #expect(try await server.call("loyalty", "greet", "hello").code == -400)
            #expect(try await server.call("loyalty", "greet", "grant", token: user.token).code == -1000)
            #expect(try await server.call("loyalty", "greet", "nosuch").code == -1)
            #expect(remote.requests().count == before)

            // The remote plugin's own refusal is relayed as it is.
            let refused = try await server.call("loyalty", "greet", "refuse")
            #expect(refused.code == -1)
            #expect(refused.msg == "no points left")
            #expect(refused.data == ["left": 0])

            // Disabled: refused by the kernel on the next request, never forwarded; no more events.
            #expect(try await server.pluginAdmin("disable", ["name": "loyalty"], token: admin).code == 0)
            let disabled = try await server.call("loyalty", "greet", "hello", token: user.token)
            #expect(disabled.code == -11)
            #expect(remote.requests().count == before + 1)
            try await invoiceHooks.publish(HookEvent(InvoiceEvents.paid, storeID: 1, payload: ["id": 6]))
            #expect(try await server.outboxStatuses() == ["delivered"])

            // Uninstalled (dropping its registration): unknown, and its name is free again.
            #expect(try await server.pluginAdmin("uninstall", ["name": "loyalty"], token: admin).code == 0)
            #expect(try await server.call("loyalty", "greet", "hello", token: user.token).code == -10)
            #expect(try await server.listed("loyalty", token: admin) == nil)
            let again = try await server.pluginAdmin("register", ["manifest": Self.manifest(), "base_url": .string(remote.baseURL)], token: admin)
            #expect(again.code == 0)
            #expect(again.data?["secret"] != .string(secret))
        }
    }

    @Test func timeoutsUnreachablePluginsAndNonEnvelopesAnswerMinus9999() async throws {
        try await withRemote { server, remote, admin in
            let registered = try await server.pluginAdmin(
                "register", ["manifest": Self.manifest(timeout: 1), "base_url": .string(remote.baseURL)], token: admin)
            try remote.useSecret(try #require(registered.data?["secret"]?.stringValue))

            let slow = try await server.call("loyalty", "greet", "slow", query: "lang=zh")
            #expect(slow.code == -9999)
            #expect(slow.msg == "远程插件 'loyalty' 未正确响应，请稍后重试")
            #expect(try await server.call("loyalty", "greet", "garbage").code == -9999)
            #expect(try await server.call("loyalty", "greet", "missing").code == -9999)

            let gone = try await server.pluginAdmin(
                "register", ["manifest": Self.manifest(name: "gone"), "base_url": "http://127.0.0.1:9"], token: admin)
            #expect(gone.code == 0)
            let unreachable = try await server.call("gone", "greet", "refuse")
            #expect(unreachable.code == -9999)
            #expect(unreachable.text.contains("127.0.0.1") == false)
        }
    }

    @Test func aPluginThatCannotCheckTheSignatureRefuses() async throws {
        try await withRemote { server, remote, admin in
            let registered = try await server.pluginAdmin("register", ["manifest": Self.manifest(), "base_url": .string(remote.baseURL)], token: admin)
            #expect(registered.code == 0)
            try remote.useSecret("rps_not-the-secret")
            let answer = try await server.call("loyalty", "greet", "refuse")
            #expect(answer.code == -1000)
            #expect(remote.requests().last?.verified == false)
        }
    }

    @Test func aRemotePluginCannotTakeAnotherPluginsOrAKernelTablesName() async throws {
        try await withRemote { server, remote, admin in
            for name in ["greeter", "system", "users", "remote_plugins"] {
                let answer = try await server.pluginAdmin(
                    "register", ["manifest": Self.manifest(name: name), "base_url": .string(remote.baseURL)], token: admin)
                #expect(answer.code == -101, "\(name)")
            }
            #expect(try await server.pluginAdmin("register", ["manifest": Self.manifest(), "base_url": .string(remote.baseURL)], token: admin).code == 0)
            let twice = try await server.pluginAdmin("register", ["manifest": Self.manifest(), "base_url": .string(remote.baseURL)], token: admin)
            #expect(twice.code == -101)
            // The greeter plugin still answers as itself.
            #expect(try await server.call("greeter", "name", "count").code == 0)
        }
    }

    @Test(arguments: [
        (#"{"version": "1", "actions": [{"control": "a", "action": "b", "access": "public"}]}"#, "manifest.name"),
        (#"{"name": "Bad-Name", "version": "1", "actions": [{"control": "a", "action": "b", "access": "public"}]}"#, "manifest.name"),
        (#"{"name": "ok", "version": "1", "actions": []}"#, "manifest.actions"),
        (#"{"name": "ok", "version": "1", "actions": [{"control": "a", "action": "b", "access": "root"}]}"#, "manifest.actions[0].access"),
        (#"{"name": "ok", "version": "1", "actions": [{"control": "../a", "action": "b", "access": "user"}]}"#, "manifest.actions[0].control"),
        (#"{"name": "ok", "version": "1", "actions": [{"control": "a", "action": "b", "access": "user"}], "events": ["Invoice Paid"]}"#, "manifest.events[0]"),
        (#"{"name": "ok", "version": "1", "actions": [{"control": "a", "action": "b", "access": "user"}], "timeout_seconds": 300}"#, "manifest.timeout_seconds"),
        (#"["not", "an", "object"]"#, "manifest"),
    ])
    func malformedManifestsAreRefusedNamingTheField(manifestText: String, field: String) async throws {
        let manifest = try JSON.parse(Array(manifestText.utf8))
        try await TestServer.with(plugins: []) { server in
            let admin = try await server.admin("root")
            let answer = try await server.pluginAdmin("register", ["manifest": manifest, "base_url": "http://127.0.0.1:1"], token: admin)
            #expect(answer.code == -5000)
            #expect(answer.msg?.contains("'\(field)'") == true, "\(answer.msg ?? "")")
            #expect(try await server.listed("ok", token: admin) == nil)
        }
    }

    @Test(arguments: ["ftp://example.com", "not a url", "http://user:pw@example.com", "http://example.com/?q=1", "/relative"])
    func baseURLsMustBePlainHTTP(url: String) async throws {
        try await TestServer.with(plugins: []) { server in
            let admin = try await server.admin("root")
            let answer = try await server.pluginAdmin("register", ["manifest": Self.manifest(), "base_url": .string(url)], token: admin)
            #expect(answer.code == -5000)
            #expect(answer.msg == "malformed parameter 'base_url'")
            #expect(try await server.listed("loyalty", token: admin) == nil)
        }
    }
}
