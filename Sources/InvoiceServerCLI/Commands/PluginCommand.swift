import ArgumentParser
import Foundation
import Kernel
import PluginSDK
import RemotePlugins

/// `invoice-server plugin list|install|enable|disable|uninstall|config|register`: the same as the
/// admin actions `system/plugin/*`. A running server picks the change up within a second.
struct PluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "Manage plugins.",
        subcommands: [List.self, Install.self, Enable.self, Disable.self, Uninstall.self, Config.self, Register.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List plugins, one JSON line each; with NAME, that plugin alone with its actions.")
        @Argument(help: "Only this plugin, with its description and actions.") var name: String?
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let registry = kernel.access.registry
                let plugins = registry.list().filter { name == nil || $0.manifest.name == name }
                guard !plugins.isEmpty else { throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name ?? "")) }
                for info in plugins {
                    var line: JSONObject = [
                        "name": .string(info.manifest.name), "version": .string(info.manifest.version),
                        "source": .string(info.source), "installed": .bool(info.state?.installed ?? false),
                        "enabled": .bool(info.state?.enabled ?? false),
                    ]
                    if name != nil {
                        line["title"] = .string(info.manifest.title)
                        line["description"] = .string(info.manifest.description)
                        line["actions"] = .array(registry.routes(of: info.manifest.name).map { route in
                            ["control": .string(route.control), "action": .string(route.action), "access": .string(route.access.name)]
                        })
                    }
                    printJSON(.object(line))
                }
            }
        }
    }

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Install (and enable) a plugin.")
        @Argument var name: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in try await kernel.access.install(name) }
            printJSON(["name": .string(name), "installed": true, "enabled": true])
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable an installed plugin.")
        @Argument var name: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in try await kernel.access.registry.setEnabled(name, true, clock: kernel.access.clock) }
            printJSON(["name": .string(name), "enabled": true])
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a plugin: its actions answer -11.")
        @Argument var name: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in try await kernel.access.registry.setEnabled(name, false, clock: kernel.access.clock) }
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
                try await kernel.access.registry.uninstall(name, keepData: keepData, clock: kernel.access.clock)
            }
            printJSON(["name": .string(name), "installed": false, "data_kept": .bool(keepData)])
        }
    }

    struct Config: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a plugin's config; with --set, change the keys given (checked against its schema).")
        @Argument var name: String
        @Option(help: "A JSON object of keys to change (null removes a key).") var set: String?
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await options.run { kernel in
                let registry = kernel.access.registry
                if let set {
                    guard let changes = (try? JSON.parse(Array(set.utf8)))?.objectValue else {
                        throw ValidationError("--set must be a JSON object")
                    }
                    let saved = try await registry.saveConfig(name, changes: changes, clock: kernel.access.clock)
                    printJSON(["name": .string(name), "config": saved])
                } else {
                    guard let state = registry.state(of: name), state.installed else {
                        throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name))
                    }
                    printJSON(["name": .string(name), "config": state.config])
                }
            }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a remote plugin; prints {\"name\", \"secret\"} (the secret is shown once).")
        @Option(help: "Path of the manifest JSON file.") var manifest: String
        @Option(help: "Base URL its actions are posted under.") var baseURL: String
        @OptionGroup var options: CommonOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: manifest), let json = try? JSON.parse(Array(data)) else {
                throw ValidationError("cannot read a JSON manifest at \(manifest)")
            }
            try await options.run { kernel in
                let registered = try await RemotePluginsModule.register(manifest: json, baseURL: baseURL, kernel: kernel.access)
                printJSON(["name": .string(registered.name), "version": .string(registered.version), "secret": .string(registered.secret)])
            }
        }
    }
}
