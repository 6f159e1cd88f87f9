import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// The command line never surprises: refusals are one line and exit 1, what it is given is
/// checked against what the plugins declare, and what it changes stays changed.
@Suite struct CommandLineTests {
    struct Folder {
        let path: String
        let common: [String]

        init() throws {
            path = TestServer.temporaryFolder()
            common = ["--data-dir", path + "/data", "--config", try ServerBinary.fastConfig(in: path)]
        }

        func run(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
            try await ServerBinary.run(arguments + common)
        }
    }

    @Test(arguments: [
        (["plugin", "disable", "nosuch"], "invoice-server: plugin 'nosuch' is not installed\n"),
        (["user", "create", "--name", "ann", "--password", "long-enough", "--store", "99"], "invoice-server: no store '99' (see `store list`; `store create` makes one)\n"),
        (["user", "create", "--name", "ann", "--password", "long-enough", "--store", "My Shop"], "invoice-server: no store 'My Shop' (see `store list`; `store create` makes one)\n"),
        (["user", "create", "--name", "ann", "--password", "short"], "invoice-server: the password needs at least 8 characters\n"),
        (["apikey", "create", "--store", "1", "--scopes", "invoices,bogus"], "invoice-server: unknown scope 'bogus' (known: *, "),
        (["apikey", "create", "--store", "1", "--scopes", " , "], "invoice-server: missing parameter 'scopes'\n"),
        (["admin", "create", "--name", "clerk", "--password", "long-enough", "--permissions", "invoice.nosuch.*"], "invoice-server: unknown permission 'invoice.nosuch.*': no plugin, control or action of that name (use plugin.control.action, plugin.control.*, plugin.* or *)\n"),
        (["admin", "create", "--name", "clerk", "--password", "long-enough", "--permissions", "bogus perm!"], "invoice-server: malformed parameter 'permissions'\n"),
        (["plugin", "list", "nosuch"], "invoice-server: plugin 'nosuch' is not installed\n"),
    ])
    func aRefusalIsOneLineAndExitStatusOne(arguments: [String], message: String) async throws {
        let folder = try Folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let result = try await folder.run(arguments)
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix(message), "\(result.errors)")
        #expect(result.errors.filter { $0 == "\n" }.count == 1, "one line")
        #expect(result.output.isEmpty)
    }

    @Test func aUserNeedsAPasswordOrAnExplicitNoLogin() async throws {
        let folder = try Folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let missing = try await folder.run(["user", "create", "--name", "ann"])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("give --password (at least 8 characters) or --no-login"))
        let both = try await folder.run(["user", "create", "--name", "ann", "--password", "long-enough", "--no-login"])
        #expect(both.status != 0)
        let noLogin = try await folder.run(["user", "create", "--name", "ann", "--no-login"])
        #expect(noLogin.status == 0, "\(noLogin.errors)")
        let duplicate = try await folder.run(["user", "create", "--name", "ann", "--password", "long-enough"])
        #expect(duplicate.status == 1)
        #expect(duplicate.errors == "invoice-server: a user named 'ann' already exists\n")
        let permitted = try await folder.run(["admin", "create", "--name", "clerk", "--password", "long-enough", "--permissions", "invoice.merchant.*,system.users.list,system.admin.info"])
        #expect(permitted.status == 0, "\(permitted.errors)")
    }

    @Test func aPortOutsideTheRangeIsRefused() async throws {
        let folder = try Folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let result = try await folder.run(["serve", "--port", "99999"])
        #expect(result.status != 0)
        #expect(result.errors.contains("--port must be from 0 to 65535; got 99999"))
    }

    @Test func versionIsPrinted() async throws {
        let result = try await ServerBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output == Kernel.version + "\n")
    }

    @Test func anUninstalledPluginStaysUninstalled() async throws {
        let folder = try Folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        #expect(try await folder.run(["plugin", "uninstall", "copy"]).status == 0)
        let listed = try await folder.run(["plugin", "list", "copy"])
        #expect(listed.status == 0)
        let line = try JSON.parse(Array(listed.output.utf8))
        #expect(line["installed"] == false)
        #expect(line["enabled"] == false)
        let server = try await ServerProcess(arguments: folder.common)
        #expect(await server.stop() == 0)
        #expect(try JSON.parse(Array(try await folder.run(["plugin", "list", "copy"]).output.utf8))["installed"] == false)
        #expect(try await folder.run(["plugin", "install", "copy"]).status == 0)
        #expect(try JSON.parse(Array(try await folder.run(["plugin", "list", "copy"]).output.utf8))["installed"] == true)
    }

    @Test func pluginListNameShowsThePluginsActions() async throws {
        let folder = try Folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let result = try await folder.run(["plugin", "list", "invoice"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1)
        let line = try JSON.parse(Array(lines[0].utf8))
        #expect(line["name"] == "invoice")
        let actions = line["actions"]?.arrayValue ?? []
        #expect(actions.contains(["control": "merchant", "action": "create", "access": "apikey"]))
    }

    @Test func migrateSaysWhatItAppliedNow() async throws {
        let folder = try Folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let first = try JSON.parse(Array(try await folder.run(["migrate"]).output.utf8))
        let applied = first["applied"]?.arrayValue ?? []
        #expect(applied.contains("kernel/001-accounts"))
        #expect(first["total"]?.intValue == Int64(applied.count))
        let second = try JSON.parse(Array(try await folder.run(["migrate"]).output.utf8))
        #expect(second["applied"] == [])
        #expect(second["total"] == first["total"])
    }
}
