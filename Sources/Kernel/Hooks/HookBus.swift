import Logging
import PluginSDK
import Storage
import Synchronization

/// The kernel's hook bus, behind every plugin's `PluginHooks`: events, filters, vetoes and typed
/// services. Plugins reach each other only through it.
///
/// Events published inside a write (`publish(_:in:)`) run their durable listeners in that very
/// write - each in the listener's own scope and savepoint - so whatever a listener records (an
/// outbox message, a reminder stopped) commits exactly with the change that caused the event;
/// in-memory listeners run once the write has committed. Handlers run in a fixed order (priority,
/// name, order added); handlers of a plugin that is disabled or not installed are skipped.
public final class HookBus: HookRouter {
    private let listeners = Mutex(HandlerList<HookListener>())
    private let filters = Mutex(HandlerList<@Sendable (any Sendable) async throws -> any Sendable>())
    private let vetoes = Mutex(HandlerList<@Sendable (any Sendable) async throws -> Void>())
    private let services = Mutex<[String: (plugin: String, handler: ErasedService)]>([:])
    private let gate: @Sendable (String) -> Bool
    private let config: @Sendable (String) -> JSON
    private let writer: any DatabaseWriter
    private let clock: KernelClock
    private let logger: Logger

    /// `gate` answers whether a plugin's handlers may run (installed and enabled); `config` a
    /// plugin's current config (handed to the services it provides).
    init(
        writer: any DatabaseWriter, clock: KernelClock, logger: Logger, gate: @escaping @Sendable (String) -> Bool,
        config: @escaping @Sendable (String) -> JSON
    ) {
        self.writer = writer
        self.clock = clock
        self.logger = logger
        self.gate = gate
        self.config = config
    }

    // MARK: - Events

    package func subscribe(_ event: String, priority: Int, handler: String, _ listener: HookListener) {
        listeners.withLock { $0.add(hook: event, priority: priority, name: handler, listener) }
    }

    package func publish(_ event: HookEvent, in db: Database) throws {
        let subscribed = listeners.withLock { $0.handlers(of: event.name) }
        var committed: [(name: String, listener: @Sendable (HookEvent) async -> Void)] = []
        for entry in subscribed {
            let owner = Self.owner(of: entry.name)
            guard gate(owner) else { continue }
            switch entry.handler {
            case .durable(let listener):
                do {
                    try db.savepoint { try db.withScope(.plugin(owner)) { try listener(event, db) } }
                } catch {
                    logger.error("hook listener failed", metadata: ["event": "\(event.name)", "listener": "\(entry.name)", "error": "\(error)"])
                }
            case .committed(let listener):
                committed.append((entry.name, listener))
            }
        }
        guard !committed.isEmpty else { return }
        let listeners = committed
        let deliver: @Sendable () async -> Void = { for item in listeners { await item.listener(event) } }
        if let deliveries = db.committedDeliveries {
            db.afterCommit { deliveries.add(deliver) }
        } else {
            db.afterCommit { Task { await deliver() } }
        }
    }

    package func publish(_ event: HookEvent) async throws {
        let subscribed = listeners.withLock { $0.handlers(of: event.name) }
        guard !subscribed.isEmpty else { return }
        let deliveries = CommittedDeliveries()
        try await writer.write { [self] db in
            try db.withJob(deliveries) { try publish(event, in: db) }
        }
        await deliveries.runOnceCommitted()
    }

    package func hasListeners(_ event: String) -> Bool {
        listeners.withLock { $0.contains(hook: event) }
    }

    // MARK: - Filters

    package func addFilter(_ point: String, priority: Int, handler: String, _ filter: @escaping @Sendable (any Sendable) async throws -> any Sendable) {
        filters.withLock { $0.add(hook: point, priority: priority, name: handler, filter) }
    }

    package func hasFilters(_ point: String) -> Bool {
        filters.withLock { $0.contains(hook: point) }
    }

    package func apply(_ point: String, to value: any Sendable) async -> any Sendable {
        var current = value
        for entry in filters.withLock({ $0.handlers(of: point) }) where gate(Self.owner(of: entry.name)) {
            do {
                let changed = try await entry.handler(current)
                guard type(of: changed) == type(of: current) else { throw HookBusMismatch(hook: point) }
                current = changed
            } catch {
                logger.error("hook filter failed", metadata: ["filter": "\(point)", "handler": "\(entry.name)", "error": "\(error)"])
            }
        }
        return current
    }

    // MARK: - Vetoes

    package func addVeto(_ point: String, priority: Int, handler: String, _ check: @escaping @Sendable (any Sendable) async throws -> Void) {
        vetoes.withLock { $0.add(hook: point, priority: priority, name: handler, check) }
    }

    package func check(_ point: String, _ subject: any Sendable) async throws(KernelError) {
        for entry in vetoes.withLock({ $0.handlers(of: point) }) where gate(Self.owner(of: entry.name)) {
            do {
                try await entry.handler(subject)
            } catch let error as KernelError {
                throw error
            } catch {
                logger.warning("hook veto refused", metadata: ["veto": "\(point)", "handler": "\(entry.name)", "error": "\(error)"])
                throw KernelError.invalid(HookMessages.vetoed(by: entry.name))
            }
        }
    }

    // MARK: - Services

    package func provide(_ service: String, plugin: String, _ handler: @escaping ErasedService) {
        services.withLock { $0[service] = (plugin, handler) }
    }

    package func call(_ service: String, input: any Sendable, storeID: Int64, in db: Database) throws -> any Sendable {
        guard let entry = services.withLock({ $0[service] }), gate(entry.plugin) else {
            throw KernelError(code: .pluginUnknown, message: HookMessages.serviceUnavailable(service))
        }
        let call = ServiceCall(storeID: storeID, now: clock.unixSeconds(), config: config(entry.plugin))
        return try db.withScope(.plugin(entry.plugin)) { try entry.handler(input, call, db) }
    }

    package func isAvailable(_ service: String) -> Bool {
        guard let entry = services.withLock({ $0[service] }) else { return false }
        return gate(entry.plugin)
    }

    // MARK: - Owners

    /// Removes every handler and service of `plugin` (a remote plugin re-registered or gone).
    func removeHandlers(of plugin: String) {
        let prefix = plugin + "."
        listeners.withLock { $0.remove { $0.hasPrefix(prefix) } }
        filters.withLock { $0.remove { $0.hasPrefix(prefix) } }
        vetoes.withLock { $0.remove { $0.hasPrefix(prefix) } }
        services.withLock { $0 = $0.filter { $0.value.plugin != plugin } }
    }

    /// The plugin a handler belongs to: its name before the first `.`.
    private static func owner(of handler: String) -> String {
        handler.split(separator: ".", maxSplits: 1).first.map(String.init) ?? handler
    }
}

/// A filter answered a value of another type than it was given.
private struct HookBusMismatch: Error, CustomStringConvertible {
    let hook: String
    var description: String { "filter of '\(hook)' answered another value type" }
}
