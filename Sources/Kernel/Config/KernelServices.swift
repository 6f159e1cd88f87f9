import Logging
import Storage

/// What the kernel lends every plugin: storage, accounts, the hook bus, a logger, the clock and
/// the server's settings. Plugins reach the database only through `storage`.
public struct KernelServices: Sendable {
    public let storage: DatabasePool
    public let accounts: Accounts
    public let hooks: HookBus
    public let logger: Logger
    public let clock: KernelClock
    public let configuration: ServerConfiguration
    /// The installed plugins and their state.
    public let registry: PluginRegistry
    /// Named services plugins offer each other (`invoice.create`).
    public let directory: ServiceDirectory
}
