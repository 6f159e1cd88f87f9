/// A plugin that works outside requests (the scheduler). The server runs `runInBackground` for
/// each enabled plugin that conforms, from start until shutdown, when the task is cancelled.
/// The work should check its plugin is still enabled on each round (an admin may disable it).
public protocol BackgroundWork: Plugin {
    func runInBackground(_ services: KernelServices) async throws
}

extension Kernel {
    /// The compiled-in plugins with background work that are enabled now, in registration order.
    public var enabledBackgroundWork: [any BackgroundWork] {
        let registry = services.registry
        return registry.order.compactMap { name in
            guard registry.state(of: name)?.enabled == true else { return nil }
            return registry.entries[name]?.plugin as? any BackgroundWork
        }
    }
}
