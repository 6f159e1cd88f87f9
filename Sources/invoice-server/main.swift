import InvoiceServerCLI

await InvoiceServerCLI.main(plugins: BuiltInPlugins.all)
