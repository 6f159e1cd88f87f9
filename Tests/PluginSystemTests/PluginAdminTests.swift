import Contracts
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct PluginAdminTests {
    @Test func theListShowsEveryPluginWithStateVersionAndSource() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            let answer = try await server.pluginAdmin("list", token: admin)
            #expect(answer.code == 0)
            let names = answer.data?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["system", "greeter"])
            let greeter = try await server.listed("greeter", token: admin)
            #expect(greeter?["version"] == "2.1.0")
            #expect(greeter?["installed_version"] == "2.1.0")
            #expect(greeter?["source"] == "builtin")
            #expect(greeter?["installed"] == true)
            #expect(greeter?["enabled"] == true)
        }
    }

    @Test func disablingAnswersMinusElevenOnTheNextRequestAndEnablingRestores() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            #expect(try await server.call("greeter", "name", "count").code == 0)
            let disabled = try await server.pluginAdmin("disable", ["name": "greeter"], token: admin)
            #expect(disabled.code == 0)
            #expect(disabled.data?["enabled"] == false)
            let refused = try await server.call("greeter", "name", "count", query: "lang=zh")
            #expect(refused.code == -11)
            #expect(refused.msg == "插件 'greeter' 已禁用")
            #expect(try await server.listed("greeter", token: admin)?["enabled"] == false)
            #expect(try await server.pluginAdmin("enable", ["name": "greeter"], token: admin).code == 0)
            #expect(try await server.call("greeter", "name", "count").code == 0)
        }
    }

    @Test func theHooksOfADisabledPluginDoNotRun() async throws {
        let plugin = GreeterPlugin()
        try await TestServer.with(plugins: [plugin]) { server in
            let admin = try await server.admin("root")
            let hooks = server.kernel.access.services(for: "invoice").hooks
            try await hooks.publish(HookEvent(InvoiceEvents.paid, payload: ["id": 1]))
            #expect(try await server.pluginAdmin("disable", ["name": "greeter"], token: admin).code == 0)
            try await hooks.publish(HookEvent(InvoiceEvents.paid, payload: ["id": 2]))
            #expect(try await server.pluginAdmin("enable", ["name": "greeter"], token: admin).code == 0)
            try await hooks.publish(HookEvent(InvoiceEvents.paid, payload: ["id": 3]))
            #expect(plugin.seen.all == ["1", "3"])
        }
    }

    @Test func uninstallKeepingDataThenReinstallingFindsTheRowsAgain() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            #expect(try await server.call("greeter", "name", "add", ["name": "Ann"]).code == 0)
            let kept = try await server.pluginAdmin("uninstall", ["name": "greeter", "keep_data": true], token: admin)
            #expect(kept.code == 0)
            #expect(kept.data?["data_kept"] == true)
            #expect(try await server.call("greeter", "name", "count").code == -10)
            #expect(try await server.hasTable("greeter_names"))
            #expect(try await server.listed("greeter", token: admin)?["installed"] == false)

            let installed = try await server.pluginAdmin("install", ["name": "greeter"], token: admin)
            #expect(installed.code == 0)
            #expect(installed.data?["installed"] == true)
            let count = try await server.call("greeter", "name", "count")
            #expect(count.data?["count"] == 1)
        }
    }

    @Test func uninstallDroppingDataRemovesTablesAndMigrations() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            #expect(try await server.call("greeter", "name", "add", ["name": "Ann"]).code == 0)
            #expect(try await server.pluginAdmin("uninstall", ["name": "greeter"], token: admin).code == 0)
            #expect(try await !server.hasTable("greeter_names"))
            let migrations = try await Migrator.appliedMigrations(server.kernel.access.storage)
            #expect(!migrations.contains("greeter/001-names"))
            #expect(try await server.listed("greeter", token: admin)?["installed"] == false)
            // A second uninstall has nothing to remove.
            #expect(try await server.pluginAdmin("uninstall", ["name": "greeter"], token: admin).code == -10)

            #expect(try await server.pluginAdmin("install", ["name": "greeter"], token: admin).code == 0)
            #expect(try await server.call("greeter", "name", "count").data?["count"] == 0)
        }
    }

    @Test func theSystemPluginCannotBeDisabledAndUnknownNamesAnswerMinusTen() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            let refused = try await server.pluginAdmin("disable", ["name": "system"], token: admin)
            #expect(refused.code == -1)
            #expect(try await server.pluginAdmin("uninstall", ["name": "system"], token: admin).code == -1)
            #expect(try await server.pluginAdmin("install", ["name": "nosuch"], token: admin).code == -10)
            #expect(try await server.pluginAdmin("enable", ["name": "nosuch"], token: admin).code == -10)
            #expect(try await server.pluginAdmin("install", ["name": "../etc"], token: admin).code == -10)
            #expect(try await server.pluginAdmin("install", token: admin).code == -5000)
        }
    }

    @Test func onlyAdminsHoldingThePermissionMayAdminister() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let user = try await server.user("ann")
            let limited = try await server.admin("viewer", permissions: ["system.plugin.list"])
            #expect(try await server.pluginAdmin("list", token: "").code == -400)
            #expect(try await server.pluginAdmin("list", token: user.token).code == -1000)
            #expect(try await server.pluginAdmin("list", token: limited).code == 0)
            #expect(try await server.pluginAdmin("disable", ["name": "greeter"], token: limited).code == -1000)
            #expect(try await server.call("greeter", "name", "count").code == 0)
        }
    }

    @Test func configIsReadWithItsSchemaAndSavedOnlyWhenItFits() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            let read = try await server.pluginAdmin("config", ["name": "greeter"], token: admin)
            #expect(read.data?["config"] == ["greeting": "hello", "repeat": 1])
            #expect(read.data?["schema"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["greeting", "repeat", "shout"])
            #expect(read.data?["schema"]?.arrayValue?[1]["max"] == 5)

            let wrongType = try await server.pluginAdmin("saveconfig", ["name": "greeter", "config": ["repeat": "many"]], token: admin)
            #expect(wrongType.code == -5000)
            #expect(wrongType.msg == "malformed parameter 'repeat'")
            let outOfRange = try await server.pluginAdmin("saveconfig", ["name": "greeter", "config": ["repeat": 9]], token: admin)
            #expect(outOfRange.code == -5000)
            let unknown = try await server.pluginAdmin("saveconfig", ["name": "greeter", "config": ["colour": "red"]], token: admin)
            #expect(unknown.code == -5000)
            #expect(unknown.msg?.contains("config.colour") == true)
            let removingRequired = try await server.pluginAdmin("saveconfig", ["name": "greeter", "config": ["greeting": nil]], token: admin)
            #expect(removingRequired.code == -5000)
            let notAnObject = try await server.pluginAdmin("saveconfig", ["name": "greeter", "config": "[1]"], token: admin)
            #expect(notAnObject.code == -5000)
            // Nothing of the refused saves was kept.
            #expect(server.kernel.access.registry.state(of: "greeter")?.config == ["greeting": "hello", "repeat": 1])

            let saved = try await server.pluginAdmin("saveconfig", ["name": "greeter", "config": ["greeting": "hi", "shout": true]], token: admin)
            #expect(saved.code == 0)
            #expect(saved.data?["config"] == ["greeting": "hi", "repeat": 1, "shout": true])
            let used = try await server.call("greeter", "name", "add", ["name": "Bo"])
            #expect(used.data?["greeting"] == "hi Bo")
        }
    }

    @Test func aPluginWithoutSchemaAcceptsAnyObject() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            let saved = try await server.pluginAdmin("saveconfig", ["name": "system", "config": ["anything": [1, 2]]], token: admin)
            #expect(saved.code == 0)
            let read = try await server.pluginAdmin("config", ["name": "system"], token: admin)
            #expect(read.data?["config"] == ["anything": [1, 2]])
            #expect(read.data?["schema"] == .null)
        }
    }

    @Test func anInstallVetoRefusesTheInstallWithItsMessage() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            #expect(try await server.pluginAdmin("uninstall", ["name": "greeter"], token: admin).code == 0)
            server.kernel.access.services(for: "policy").hooks.addVeto(.pluginInstall, name: "freeze") { subject in
                throw KernelError.invalid(LocalizedText(en: "installs are frozen: \(subject.name)", zh: "安装已冻结", fa: "نصب متوقف است"))
            }
            let refused = try await server.pluginAdmin("install", ["name": "greeter"], token: admin)
            #expect(refused.code == -1)
            #expect(refused.msg == "installs are frozen: greeter")
            #expect(try await server.listed("greeter", token: admin)?["installed"] == false)
            #expect(try await !server.hasTable("greeter_names"))
        }
    }
}
