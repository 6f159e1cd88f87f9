import ArgumentParser
import Kernel
import PluginSDK

/// `invoice-server user list|disable|enable|revoke-tokens|password`: the account management of
/// the `system/users/*` actions, from scripts.
extension UserCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users (newest first); prints one JSON line per user.")

        @Option(help: "Store id or name.") var store: String?
        @Option(help: "Part of a name or email.") var search: String?
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.access.accounts
                let storeID = try await storeNamed(store, in: accounts)
                let listing = try await accounts.users(storeID: storeID, search: search, page: 1, size: Int64.max / 2)
                for user in listing.records { printJSON(user.json) }
            }
        }
    }

    struct Disable: SwitchUserCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user and revoke its tokens.")
        static let disables = true

        @Option(help: "The user's id.") var id: Int64
        @OptionGroup var options: CommonOptions
    }

    struct Enable: SwitchUserCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user.")
        static let disables = false

        @Option(help: "The user's id.") var id: Int64
        @OptionGroup var options: CommonOptions
    }

    struct RevokeTokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke-tokens", abstract: "Log a user out everywhere.")

        @Option(help: "The user's id.") var id: Int64
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.access.accounts
                _ = try found(try await accounts.userRecord(id: id))
                let revoked = try await accounts.revokeTokens(kind: .user, subjectID: id)
                printJSON(["id": .int(id), "revoked": .int(Int64(revoked))])
            }
        }
    }

    struct Password: SetPasswordCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (at least 8 characters) and revoke its tokens.")
        static let kind = Accounts.SubjectKind.user

        @Option(help: "The user's id.") var id: Int64
        @Option var password: String
        @OptionGroup var options: CommonOptions
    }
}

/// `user disable` and `user enable`.
protocol SwitchUserCommand: AsyncParsableCommand {
    static var disables: Bool { get }
    var id: Int64 { get }
    var options: CommonOptions { get }
}

extension SwitchUserCommand {
    func run() async throws {
        try await options.run { kernel in printJSON(try await found(kernel.access.accounts.setUserDisabled(id: id, Self.disables)).json) }
    }
}

/// `user password` and `admin password`.
protocol SetPasswordCommand: AsyncParsableCommand {
    static var kind: Accounts.SubjectKind { get }
    var id: Int64 { get }
    var password: String { get }
    var options: CommonOptions { get }
}

extension SetPasswordCommand {
    func run() async throws {
        try await options.run { kernel in
            guard try await kernel.access.accounts.setPassword(kind: Self.kind, subjectID: id, password: password) else {
                throw KernelError.notFound
            }
            printJSON(["id": .int(id)])
        }
    }
}

/// The id of the store a `--store` option names, if one is given.
func storeNamed(_ reference: String?, in accounts: Accounts) async throws -> Int64? {
    guard let reference else { return nil }
    return try await accounts.existingStore(reference)
}

/// The record, or the kernel's "not found".
func found<Record>(_ record: Record?) throws -> Record {
    guard let record else { throw KernelError.notFound }
    return record
}
