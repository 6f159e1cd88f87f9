import ArgumentParser

/// `invoice-server`: serve, migrate, and manage accounts and plugins from scripts.
@main
struct InvoiceServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice-server",
        abstract: "A plugin-style invoice server (ShopXO-compatible plugin API).",
        subcommands: [Serve.self, Migrate.self, UserCommand.self, AdminCommand.self, APIKeyCommand.self, PluginCommand.self],
        defaultSubcommand: Serve.self)
}
