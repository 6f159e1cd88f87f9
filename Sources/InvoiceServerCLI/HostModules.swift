import Kernel
import Outbox
import RemotePlugins

/// The host's parts every command and the server open the kernel with: the durable outbox and
/// remote plugins.
public enum HostModules {
    public static var standard: [any KernelModule] { [OutboxModule(), RemotePluginsModule()] }
}
