import CopyPlugin
import InvoicePlugin
import Kernel
import PluginSDK
import SchedulePlugin

/// The plugins compiled into this server. Registering a first-party plugin is one line here; a
/// third party passes `BuiltInPlugins.all + [TheirPlugin()]` to `InvoiceServerCLI.main(plugins:)`.
public enum BuiltInPlugins {
    public static let all: [any Plugin] = [InvoicePlugin(), SchedulePlugin(), CopyPlugin()]
}
