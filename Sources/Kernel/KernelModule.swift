import PluginSDK
import Storage

/// A part of the host that plugs into the kernel at start: the outbox, remote plugins. Each
/// contributes what it has - kernel-owned tables, the outbox plugins write to, a source of
/// plugins kept as rows, actions under the `system` plugin.
public protocol KernelModule: Sendable {
    /// Migrations of kernel-owned tables (`kernel/003-outbox`), applied with the kernel's.
    var migrations: [Migration] { get }
    /// The outbox plugins write to, if this module is it.
    func outbox(clock: KernelClock) -> (any OutboxQueue)?
    /// Plugins this module loads from storage (remote plugins), if any.
    var pluginSource: (any DynamicPluginSource)? { get }
    /// Actions this module adds to the `system` plugin; `kernel` is the host's own API.
    func systemRoutes(_ kernel: KernelLink) -> [Route]
}

extension KernelModule {
    public var migrations: [Migration] { [] }
    public func outbox(clock: KernelClock) -> (any OutboxQueue)? { nil }
    public var pluginSource: (any DynamicPluginSource)? { nil }
    public func systemRoutes(_ kernel: KernelLink) -> [Route] { [] }
}
