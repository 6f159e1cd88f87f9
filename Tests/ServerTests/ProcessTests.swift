import Foundation
import InvoiceServerCLI
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

/// The real executable: its commands print what scripts read, and `serve` shuts down cleanly.
@Suite(.serialized) struct ProcessTests {
    @Test func accountCommandsPrintOneJSONLineWhoseSecretsWork() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let common = ["--data-dir", folder, "--config", try ServerBinary.fastConfig(in: folder)]

        let migrated = try await ServerBinary.run(["migrate"] + common)
        #expect(migrated.status == 0)
        #expect(migrated.output.contains("kernel/001-accounts"))

        let user = try await ServerBinary.run(["user", "create", "--name", "ann", "--password", "pw-ann-123", "--email", "ann@example.com"] + common)
        #expect(user.status == 0, "\(user.errors)")
        let userLine = try JSON.parse(Array(user.output.utf8))
        #expect(userLine["id"] == 1)
        let userToken = try #require(userLine["token"]?.stringValue)

        let admin = try await ServerBinary.run(["admin", "create", "--name", "root", "--password", "pw-root-123"] + common)
        let adminToken = try #require(try JSON.parse(Array(admin.output.utf8))["token"]?.stringValue)

        #expect(try await ServerBinary.run(["store", "create", "--name", "shop-two"] + common).status == 0)
        let key = try await ServerBinary.run(["apikey", "create", "--store", "shop-two", "--scopes", "invoices,schedules"] + common)
        let keyLine = try JSON.parse(Array(key.output.utf8))
        #expect(keyLine["key"]?.stringValue?.hasPrefix("isk_") == true)

        let duplicate = try await ServerBinary.run(["user", "create", "--name", "ann", "--password", "another-one"] + common)
        #expect(duplicate.status == 1)
        #expect(duplicate.errors == "invoice-server: a user named 'ann' already exists\n")

        let plugins = try await ServerBinary.run(["plugin", "list"] + common)
        #expect(plugins.output.contains(#""name":"system""#))
        let refused = try await ServerBinary.run(["plugin", "disable", "system"] + common)
        #expect(refused.status != 0)

        let server = try await ServerProcess(arguments: common)
        let me = try await RawHTTP.send(port: server.port, target: "/api/plugins/index?pluginsname=system&pluginscontrol=user&pluginsaction=info&token=\(userToken)")
        #expect(me.data?["name"] == "ann")
        let boss = try await RawHTTP.send(port: server.port, target: "/admin/plugins/index?pluginsname=system&pluginscontrol=admin&pluginsaction=info&token=\(adminToken)")
        #expect(boss.data?["name"] == "root")
        #expect(boss.data?["super"] == true)
        let login = try await RawHTTP.send(
            port: server.port, target: "/api/plugins/index?pluginsname=system&pluginscontrol=user&pluginsaction=login",
            headers: [("Content-Type", "application/json")], body: Array(#"{"accounts":"ann","pwd":"pw-ann-123"}"#.utf8))
        #expect(login.code == 0)
        #expect(await server.stop() == 0)
        #expect(server.output.contains("listening on http://127.0.0.1:\(server.port)"))
        #expect(server.output.contains("system/user/login status=200 code=0"))
    }

    @Test func aDatabaseWrittenByANewerVersionStopsTheStartWithAClearMessage() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let common = ["--data-dir", folder, "--config", try ServerBinary.fastConfig(in: folder)]
        #expect(try await ServerBinary.run(["migrate"] + common).status == 0)
        let database = URL(fileURLWithPath: folder).appendingPathComponent("invoice-server.sqlite").path
        let stamped = try await ServerBinary.run(
            executable: URL(fileURLWithPath: "/usr/bin/sqlite3"),
            [database, "INSERT INTO migrations (id, plugin, applied_at) VALUES ('kernel/999-from-the-future', 'kernel', '2099-01-01T00:00:00Z')"])
        #expect(stamped.status == 0, "\(stamped.errors)")
        for command in [["serve", "--port", "0"], ["migrate"], ["plugin", "list"]] {
            let refused = try await ServerBinary.run(command + common)
            #expect(refused.status != 0, "\(command)")
            #expect(refused.errors.contains("written by a newer version of invoice-server"), "\(command): \(refused.errors)")
            #expect(refused.errors.contains("kernel/999-from-the-future"), "\(command)")
        }
    }

    @Test func sigtermLetsAnInFlightRequestFinishThenExitsZero() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await ServerProcess(arguments: ["--data-dir", folder, "--config", try ServerBinary.fastConfig(in: folder)])
        let body = Array(#"{"padding":"0123456789"}"#.utf8)
        let head = "POST /api/plugins/index?pluginsname=system&pluginscontrol=system&pluginsaction=ping HTTP/1.1\r\nHost: x\r\n"
            + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        let connection = try RawConnection(port: server.port)
        try connection.write(Array(head.utf8) + body.prefix(5))
        try await Task.sleep(for: .milliseconds(300))
        kill(server.process.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(300))
        try connection.write(Array(body.dropFirst(5)))
        let answer = try RawHTTP.parse(try await connection.readAll())
        #expect(answer.status == 200)
        #expect(answer.code == 0)
        let status = await server.waitForExit()
        #expect(status == 0)
        #expect(server.output.contains("stopped"))
    }

    @Test func aPluginDisabledFromAnotherProcessAnswersMinus11WithinASecond() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            #expect(try await server.call("demo", "demo", "echo").code == 0)
            var configuration = TestServer.testConfiguration(dataDir: server.dataDir)
            configuration.autoInstallPlugins = false
            let other = try await Kernel(configuration: configuration, plugins: [DemoPlugin()], modules: HostModules.standard)
            try await other.access.registry.setEnabled("demo", false, clock: other.access.clock)
            other.shutdown()
            try await Task.sleep(for: .milliseconds(1_300))
            #expect(try await server.call("demo", "demo", "echo").code == -11)
        }
    }
}
