import ArgumentParser
import Kernel
import PluginSDK

/// `invoice-server apikey list|revoke`: the `system/apikeys/*` actions from scripts. Keys are
/// listed by prefix; the key itself is only ever printed by `apikey create`.
extension APIKeyCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API keys (newest first, revoked too); one JSON line each.")

        @Option(help: "Store id or name.") var store: String?
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let accounts = kernel.access.accounts
                for key in try await accounts.apiKeys(storeID: try await storeNamed(store, in: accounts)) { printJSON(key.json) }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key; prints it.")

        @Option(help: "The key's id.") var id: Int64
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                printJSON(try found(try await kernel.access.accounts.revokeAPIKey(id: id, storeID: nil)).json)
            }
        }
    }
}
