import ArgumentParser
import Kernel

/// `invoice-server plugin list|install|enable|disable|uninstall NAME`. A running server picks
/// the change up within a second.
struct PluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "Manage plugins.",
        subcommands: [List.self, Install.self, Enable.self, Disable.self, Uninstall.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plugins, one JSON line each.")
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.withKernel { kernel in
                for info in kernel.services.registry.list() {
                    printJSON([
                        "name": .string(info.manifest.name), "version": .string(info.manifest.version),
                        "source": .string(info.source), "installed": .bool(info.state?.installed ?? false),
                        "enabled": .bool(info.state?.enabled ?? false),
                    ])
                }
            }
        }
    }

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Install (and enable) a plugin.")
        @Argument var name: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in try await kernel.services.registry.install(name, services: kernel.services) }
            printJSON(["name": .string(name), "installed": true, "enabled": true])
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable an installed plugin.")
        @Argument var name: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in try await kernel.services.registry.setEnabled(name, true, clock: kernel.services.clock) }
            printJSON(["name": .string(name), "enabled": true])
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a plugin: its actions answer -11.")
        @Argument var name: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in try await kernel.services.registry.setEnabled(name, false, clock: kernel.services.clock) }
            printJSON(["name": .string(name), "enabled": false])
        }
    }

    struct Uninstall: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Uninstall a plugin; its tables are dropped unless --keep-data.")
        @Argument var name: String
        @Flag(help: "Keep the plugin's tables and data.") var keepData = false
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                try await kernel.services.registry.uninstall(name, keepData: keepData, clock: kernel.services.clock)
            }
            printJSON(["name": .string(name), "installed": false, "data_kept": .bool(keepData)])
        }
    }

}
