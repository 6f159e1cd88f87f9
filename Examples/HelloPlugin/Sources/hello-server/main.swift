import HelloPlugin
import InvoiceServerCLI

// The whole server: the built-in plugins plus this one. Every `invoice-server` command works.
await InvoiceServerCLI.main(plugins: BuiltInPlugins.all + [HelloPlugin()])
