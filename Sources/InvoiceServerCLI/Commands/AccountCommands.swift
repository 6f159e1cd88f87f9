import ArgumentParser
import Kernel
import PluginSDK
import Storage

/// `invoice-server user create`: a customer account and a login token for it.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.",
        subcommands: [Create.self, List.self, Disable.self, Enable.self, RevokeTokens.self, Password.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user; prints {\"id\", \"token\"}.")

        @Option var name: String
        @Option var email: String?
        @Option(help: "At least 8 characters; required unless --no-login.") var password: String?
        @Flag(help: "An account without a password (it cannot log in until one is set).") var noLogin = false
        @Option(help: "Store id or name (an existing store; `store create` makes one).") var store = "1"
        @OptionGroup var options: CommonOptions

        func validate() throws {
            guard (password == nil) == noLogin else { throw ValidationError("give --password (at least 8 characters) or --no-login") }
        }

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.access.accounts
                if let password { try Accounts.checkNewPassword(password) }
                let storeID = try await accounts.existingStore(store)
                let id = try await unique("a user named '\(name)' already exists") {
                    try await accounts.createUser(name: name, email: email, password: password, storeID: storeID)
                }
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
        @Option(help: "At least 8 characters; required unless --no-login.") var password: String?
        @Flag(help: "An admin without a password (it works through the printed token only).") var noLogin = false
        @Option(help: "Comma-separated permissions (plugin.control.action, plugin.control.*, plugin.*); omit for a super-admin.")
        var permissions: String?
        @OptionGroup var options: CommonOptions

        func validate() throws {
            guard (password == nil) == noLogin else { throw ValidationError("give --password (at least 8 characters) or --no-login") }
        }

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.access.accounts
                if let password { try Accounts.checkNewPassword(password) }
                let list = try permissions.map(Accounts.permissions(from:))
                if let list { try kernel.access.checkPermissions(list) }
                let id = try await unique("an admin named '\(name)' already exists") {
                    try await accounts.createAdmin(name: name, password: password, permissions: list)
                }
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

        @Option(help: "Store id or name (an existing store).") var store: String
        @Option(help: "Comma-separated scopes the installed plugins declare, e.g. invoices,schedules, or *.") var scopes: String
        @Option(help: "A label for people.") var name = ""
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.access.accounts
                let list = scopes.split(separator: ",").map { String($0).trimmingSpacesAround() }.filter { !$0.isEmpty }
                try kernel.access.checkScopes(list)
                let storeID = try await accounts.existingStore(store)
                let (id, key) = try await accounts.createAPIKey(storeID: storeID, scopes: list, name: name)
                printJSON(["id": .int(id), "key": .string(key)])
            }
        }
    }
}

/// Runs `body`; a unique constraint it breaks becomes the refusal `taken`.
func unique<T>(_ taken: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as StorageError where error.kind == .constraint {
        throw refusal(taken)
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
