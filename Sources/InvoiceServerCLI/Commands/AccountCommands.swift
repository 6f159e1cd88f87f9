import ArgumentParser
import Kernel
import PluginSDK

/// `invoice-server user create`: a customer account and a login token for it.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.",
        subcommands: [Create.self, List.self, Disable.self, Enable.self, RevokeTokens.self, Password.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user; prints {\"id\", \"token\"}.")

        @Option var name: String
        @Option var email: String?
        @Option var password: String?
        @Option(help: "Store id or name (a new name creates the store).") var store = "1"
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.access.accounts
                let storeID = try await accounts.store(store)
                let id = try await accounts.createUser(name: name, email: email, password: password, storeID: storeID)
                let token = try await accounts.issueToken(kind: .user, subjectID: id)
                printJSON(["id": .int(id), "token": .string(token)])
            }
        }
    }
}

/// `invoice-server admin create`: an admin (super-admin unless permissions are given) and a token.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admin", abstract: "Manage admins.",
        subcommands: [Create.self, List.self, Permissions.self, Password.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an admin; prints {\"id\", \"token\"}.")

        @Option var name: String
        @Option var password: String?
        @Option(help: "Comma-separated permissions (plugin.control.action, plugin.*); omit for a super-admin.")
        var permissions: String?
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.access.accounts
                let list = permissions.map { $0.split(separator: ",").map { String($0).trimmingSpacesAround() } }
                let id = try await accounts.createAdmin(name: name, password: password, permissions: list)
                let token = try await accounts.issueToken(kind: .admin, subjectID: id)
                printJSON(["id": .int(id), "token": .string(token)])
            }
        }
    }
}

/// `invoice-server apikey create`: a store's API key with scopes.
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apikey", abstract: "Manage API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key; prints {\"id\", \"key\"} (shown once).")

        @Option(help: "Store id or name (a new name creates the store).") var store: String
        @Option(help: "Comma-separated scopes, e.g. invoices,schedules.") var scopes: String
        @Option(help: "A label for people.") var name = ""
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.access.accounts
                let storeID = try await accounts.store(store)
                let list = scopes.split(separator: ",").map { String($0).trimmingSpacesAround() }.filter { !$0.isEmpty }
                let (id, key) = try await accounts.createAPIKey(storeID: storeID, scopes: list, name: name)
                printJSON(["id": .int(id), "key": .string(key)])
            }
        }
    }
}

extension String {
    func trimmingSpacesAround() -> String {
        var slice = self[...]
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
