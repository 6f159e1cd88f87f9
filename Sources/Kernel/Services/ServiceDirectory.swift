import Storage

/// Named services plugins offer each other through the kernel (`invoice.create`), called with
/// JSON inside the caller's open write so their rows commit or roll back with the caller's.
/// A plugin never imports another: it calls a name, and gets an error when nobody offers it
/// or its provider is not enabled.
public final class ServiceDirectory: Sendable {
    /// A service: reads its input, writes through `db`, answers JSON.
    public typealias Handler = @Sendable (inout ServiceCall, Database) throws -> JSON

    private struct Entry: Sendable {
        let plugin: String
        let handler: Handler
    }

    private let entries = LockedValue<[String: Entry]>([:])
    private let registry: PluginRegistry

    init(registry: PluginRegistry) {
        self.registry = registry
    }

    /// Offers `name` (by convention `<plugin>.<verb>`), provided by `plugin`.
    public func register(_ name: String, plugin: String, _ handler: @escaping Handler) {
        entries.withLock { $0[name] = Entry(plugin: plugin, handler: handler) }
    }

    /// Whether a service is offered by an enabled plugin.
    public func isAvailable(_ name: String) -> Bool {
        guard let entry = entries.withLock({ $0[name] }) else { return false }
        return registry.state(of: entry.plugin)?.enabled == true
    }

    /// Runs `name` with `input` for `storeID` inside the caller's write. Events the service wants
    /// published are added to `events`: publish them after the write commits.
    public func call(
        _ name: String, input: JSON, storeID: Int64, now: Int64, db: Database, events: inout [HookEvent]
    ) throws -> JSON {
        guard let entry = entries.withLock({ $0[name] }), let state = registry.state(of: entry.plugin), state.enabled else {
            throw KernelError(code: .pluginUnknown, message: ServiceMessages.unavailable(name))
        }
        var call = ServiceCall(storeID: storeID, now: now, input: input, config: state.config)
        let answer = try entry.handler(&call, db)
        events += call.events
        return answer
    }
}

/// One call of a service: who it is for, its input, the provider's config, and the events to
/// publish once the caller's write has committed.
public struct ServiceCall: Sendable {
    public let storeID: Int64
    public let now: Int64
    public let input: JSON
    /// The providing plugin's current config.
    public let config: JSON
    public private(set) var events: [HookEvent] = []

    /// Asks the caller to publish `event` after commit.
    public mutating func publishAfterCommit(_ event: HookEvent) {
        events.append(event)
    }
}

/// Plugins that offer services implement this; the kernel calls it once at start.
public protocol ServiceProvider: Plugin {
    func registerServices(in directory: ServiceDirectory)
}
