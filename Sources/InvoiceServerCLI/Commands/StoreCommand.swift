import ArgumentParser
import Kernel
import PluginSDK

/// `invoice-server store list|create|update`: the `system/stores/*` actions from scripts.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Manage stores.", subcommands: [List.self, Create.self, Update.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stores; prints one JSON line per store.")

        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                for store in try await kernel.access.accounts.stores() { printJSON(store.json) }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a store; prints it.")

        @Option(help: "A unique name (not all digits).") var name: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                printJSON(try await unique("a store named '\(name)' already exists") { try await kernel.access.accounts.createStore(name: name) }.json)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a store; prints it.")

        @Option(help: "The store's id.") var id: Int64
        @Option(help: "A unique name (not all digits).") var name: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in printJSON(try found(try await kernel.access.accounts.renameStore(id: id, name: name)).json)
            }
        }
    }
}
