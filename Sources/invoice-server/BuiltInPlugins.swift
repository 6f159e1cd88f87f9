import InvoicePlugin
import Kernel

/// The plugins compiled into this server. Registering a plugin is one line here.
enum BuiltInPlugins {
    static let all: [any Plugin] = [InvoicePlugin()]
}
