import ArgumentParser
import Kernel
import PluginSDK

/// `invoice-server admin list|permissions|password`: the `system/admins/*` actions from scripts.
extension AdminCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List admins; prints one JSON line per admin.")

        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                for admin in try await kernel.access.accounts.admins() { printJSON(admin.json) }
            }
        }
    }

    struct Permissions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an admin super (--super) or limit it to --permissions.")

        @Option(help: "The admin's id.") var id: Int64
        @Flag(name: .customLong("super"), help: "Hold every permission.") var isSuper = false
        @Option(help: "Comma-separated permissions (plugin.control.action, plugin.*).") var permissions: String?
        @OptionGroup var options: CommonOptions

        func validate() throws {
            guard isSuper != (permissions != nil) else { throw ValidationError("give --super or --permissions") }
        }

        func run() async throws {
            try await options.run { kernel in
                let list = try permissions.map(Accounts.permissions(from:))
                if let list { try kernel.access.checkPermissions(list) }
                printJSON(try found(try await kernel.access.accounts.setAdminPermissions(id: id, permissions: list)).json)
            }
        }
    }

    struct Password: SetPasswordCommand {
        static let configuration = CommandConfiguration(abstract: "Set an admin's password (at least 8 characters) and revoke its tokens.")
        static let kind = Accounts.SubjectKind.admin

        @Option(help: "The admin's id.") var id: Int64
        @Option var password: String
        @OptionGroup var options: CommonOptions
    }
}
