import ArgumentParser
import Kernel
import PluginSDK
import Synchronization

/// The `invoice-server` command line as a library, so a server with more plugins is one line:
/// `await InvoiceServerCLI.main(plugins: BuiltInPlugins.all + [HelloPlugin()])`.
public enum InvoiceServerCLI {
    /// Parses the process's arguments and runs the command (`serve` by default) with `plugins`.
    public static func main(plugins: [any Plugin]) async {
        ServedPlugins.current.withLock { $0 = plugins }
        await InvoiceServerCommand.main()
    }
}

/// The plugins every command opens the kernel with (set once, before parsing).
enum ServedPlugins {
    static let current = Mutex<[any Plugin]>([])

    static var all: [any Plugin] { current.withLock { $0 } }
}

/// `invoice-server`: serve, migrate, back up and restore, manage accounts and plugins from scripts,
/// and write the API reference.
struct InvoiceServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice-server",
        abstract: "A plugin-style invoice server (ShopXO-compatible plugin API).",
        version: Kernel.version,
        subcommands: [
            Serve.self, Migrate.self, Backup.self, Restore.self, UserCommand.self, AdminCommand.self, APIKeyCommand.self, StoreCommand.self,
            PluginCommand.self, DocsCommand.self,
        ],
        defaultSubcommand: Serve.self)
}
