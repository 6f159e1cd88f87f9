import ArgumentParser
import Kernel

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
                let accounts = kernel.services.accounts
                var storeID: Int64?
                if let store { storeID = try await accounts.store(store) }
                let listing = try await accounts.users(storeID: storeID, search: search, page: 1, size: Int64.max / 2)
                for user in listing.records { printJSON(user.json) }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user and revoke its tokens.")

        @Option(help: "The user's id.") var id: Int64
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in printJSON(try await found(kernel.services.accounts.setUserDisabled(id: id, true)).json) }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user.")

        @Option(help: "The user's id.") var id: Int64
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in printJSON(try await found(kernel.services.accounts.setUserDisabled(id: id, false)).json) }
        }
    }

    struct RevokeTokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke-tokens", abstract: "Log a user out everywhere.")

        @Option(help: "The user's id.") var id: Int64
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.services.accounts
                _ = try found(try await accounts.userRecord(id: id))
                let revoked = try await accounts.revokeTokens(kind: .user, subjectID: id)
                printJSON(["id": .int(id), "revoked": .int(Int64(revoked))])
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (at least 8 characters) and revoke its tokens.")

        @Option(help: "The user's id.") var id: Int64
        @Option var password: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                guard try await kernel.services.accounts.setPassword(kind: .user, subjectID: id, password: password) else { throw KernelError.notFound }
                printJSON(["id": .int(id)])
            }
        }
    }
}

/// The record, or the kernel's "not found".
func found<Record>(_ record: Record?) throws -> Record {
    guard let record else { throw KernelError.notFound }
    return record
}
