import CopyPlugin
import InvoicePlugin
import Kernel
import SchedulePlugin

/// The plugins compiled into this server. Registering a plugin is one line here.
enum BuiltInPlugins {
    static let all: [any Plugin] = [InvoicePlugin(), SchedulePlugin(), CopyPlugin()]
}
