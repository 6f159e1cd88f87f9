import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// `invoice-server plugin ...` run as a real process against a data folder.
@Suite struct PluginCommandTests {
    @Test func registerListDisableAndUninstallARemotePluginFromTheCommandLine() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try ServerBinary.fastConfig(in: folder)
        let common = ["--data-dir", folder + "/data", "--config", config]
        let manifestPath = folder + "/manifest.json"
        try Data(RemotePluginTests.manifest().serialized()).write(to: URL(fileURLWithPath: manifestPath))

        let registered = try await ServerBinary.run(["plugin", "register", "--manifest", manifestPath, "--base-url", "http://127.0.0.1:1"] + common)
        #expect(registered.status == 0, "\(registered.errors)")
        let secret = try JSON.parse(Array(registered.output.utf8))["secret"]?.stringValue
        #expect(secret?.hasPrefix("rps_") == true)

        let listed = try await ServerBinary.run(["plugin", "list"] + common)
        let lines = listed.output.split(separator: "\n").compactMap { try? JSON.parse(Array($0.utf8)) }
        let loyalty = lines.first { $0["name"] == "loyalty" }
        #expect(loyalty?["source"] == "remote")
        #expect(loyalty?["enabled"] == true)
        #expect(lines.first { $0["name"] == "invoice" }?["source"] == "builtin")
        #expect(!listed.output.contains(secret ?? "-"))

        let twice = try await ServerBinary.run(["plugin", "register", "--manifest", manifestPath, "--base-url", "http://127.0.0.1:1"] + common)
        #expect(twice.status != 0)
        #expect(twice.errors.contains("already taken"))

        #expect(try await ServerBinary.run(["plugin", "disable", "loyalty"] + common).status == 0)
        let disabled = try await ServerBinary.run(["plugin", "list"] + common)
        #expect(disabled.output.split(separator: "\n").contains { $0.contains("\"loyalty\"") && $0.contains("\"enabled\":false") })
        #expect(try await ServerBinary.run(["plugin", "uninstall", "loyalty"] + common).status == 0)
        #expect(try await ServerBinary.run(["plugin", "list"] + common).output.contains("loyalty") == false)
    }

    @Test func configIsShownAndChangedFromTheCommandLine() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try ServerBinary.fastConfig(in: folder)
        let common = ["--data-dir", folder + "/data", "--config", config]

        let saved = try await ServerBinary.run(["plugin", "config", "system", "--set", #"{"motd":"hello"}"#] + common)
        #expect(saved.status == 0, "\(saved.errors)")
        let shown = try await ServerBinary.run(["plugin", "config", "system"] + common)
        #expect(try JSON.parse(Array(shown.output.utf8))["config"] == ["motd": "hello"])
        let notJSON = try await ServerBinary.run(["plugin", "config", "system", "--set", "motd=hello"] + common)
        #expect(notJSON.status != 0)
        let unknown = try await ServerBinary.run(["plugin", "config", "nosuch"] + common)
        #expect(unknown.status != 0)
        #expect(unknown.errors.contains("not installed"))
    }
}
