import Logging

/// An event published by a plugin or the kernel (`invoice.created`, `invoice.paid`, ...).
public struct HookEvent: Sendable {
    public let name: String
    public let storeID: Int64?
    public let payload: JSON

    public init(name: String, storeID: Int64? = nil, payload: JSON) {
        self.name = name
        self.storeID = storeID
        self.payload = payload
    }

    /// An event of a well-known kind (`HookEventName.invoicePaid`, ...).
    public init(_ name: HookEventName, storeID: Int64? = nil, payload: JSON) {
        self.init(name: name.rawValue, storeID: storeID, payload: payload)
    }
}

/// The kernel's hook bus: plugins talk to each other only through it, in three ways.
/// - Events: listeners are told something happened; a failing listener is logged and skipped.
/// - Filters: each handler may change a value on its way (e.g. the data of an invoice PDF); a
///   failing filter is logged and the value passes on unchanged.
/// - Vetoes: each handler may refuse an operation (e.g. installing a plugin) by throwing; the
///   first refusal stops the operation and reaches the caller.
///
/// Handlers of one hook run in a fixed order: priority ascending, then name, then the order they
/// were added. Handlers are named `<plugin>.<what>`; those of a plugin that is disabled or not
/// installed are skipped.
public final class HookBus: Sendable {
    /// A subscriber to one event name.
    public typealias Listener = @Sendable (HookEvent) async throws -> Void

    private let listeners = LockedValue(HandlerList<Listener>())
    private let filters = LockedValue(HandlerList<@Sendable (any Sendable) async throws -> any Sendable>())
    private let vetoes = LockedValue(HandlerList<@Sendable (any Sendable) async throws -> Void>())
    private let ownerGate = LockedValue<(@Sendable (String) -> Bool)?>(nil)
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    // MARK: - Events

    /// Subscribes `listener`, called `name` in logs, to `event`.
    public func on(_ event: String, priority: Int = 100, name: String, _ listener: @escaping Listener) {
        listeners.withLock { $0.add(hook: event, priority: priority, name: name, listener) }
    }

    /// Subscribes `listener` to a well-known event.
    public func on(_ event: HookEventName, priority: Int = 100, name: String, _ listener: @escaping Listener) {
        on(event.rawValue, priority: priority, name: name, listener)
    }

    /// Delivers `event` to its listeners in order and returns once all have run.
    public func publish(_ event: HookEvent) async {
        let subscribed = listeners.withLock { $0.handlers(of: event.name) }
        for subscription in subscribed where runs(subscription.name) {
            do {
                try await subscription.handler(event)
            } catch {
                logger.error(
                    "hook listener failed",
                    metadata: ["event": "\(event.name)", "listener": "\(subscription.name)", "error": "\(error)"])
            }
        }
    }

    /// Whether anything listens to `event` (so a publisher can skip building its payload).
    public func hasListeners(_ event: String) -> Bool {
        listeners.withLock { $0.contains(hook: event) }
    }

    // MARK: - Filters

    /// Adds `filter`, called `name` in logs, to the filter hook `point`.
    public func addFilter<Value: Sendable>(
        _ point: FilterPoint<Value>, priority: Int = 100, name: String,
        _ filter: @escaping @Sendable (Value) async throws -> Value
    ) {
        let erased: @Sendable (any Sendable) async throws -> any Sendable = { value in
            guard let value = value as? Value else { throw HookTypeMismatch(hook: point.name) }
            return try await filter(value)
        }
        filters.withLock { $0.add(hook: point.name, priority: priority, name: name, erased) }
    }

    /// Whether `point` has filters (so a caller can skip building the value).
    public func hasFilters<Value: Sendable>(_ point: FilterPoint<Value>) -> Bool {
        filters.withLock { $0.contains(hook: point.name) }
    }

    /// Passes `value` through every filter of `point` in order and returns what comes out.
    public func apply<Value: Sendable>(_ point: FilterPoint<Value>, to value: Value) async -> Value {
        var current = value
        for entry in filters.withLock({ $0.handlers(of: point.name) }) where runs(entry.name) {
            do {
                guard let changed = try await entry.handler(current) as? Value else { throw HookTypeMismatch(hook: point.name) }
                current = changed
            } catch {
                logger.error(
                    "hook filter failed", metadata: ["filter": "\(point.name)", "handler": "\(entry.name)", "error": "\(error)"])
            }
        }
        return current
    }

    // MARK: - Vetoes

    /// Adds `check`, called `name`, to the veto hook `point`; it refuses by throwing (a
    /// `KernelError` reaches the caller as it is).
    public func addVeto<Subject: Sendable>(
        _ point: VetoPoint<Subject>, priority: Int = 100, name: String,
        _ check: @escaping @Sendable (Subject) async throws -> Void
    ) {
        let erased: @Sendable (any Sendable) async throws -> Void = { subject in
            guard let subject = subject as? Subject else { throw HookTypeMismatch(hook: point.name) }
            try await check(subject)
        }
        vetoes.withLock { $0.add(hook: point.name, priority: priority, name: name, erased) }
    }

    /// Asks every veto handler of `point` in order; throws the first refusal. A refusal that is
    /// not a `KernelError` is logged and answered as a generic "refused by <handler>".
    public func check<Subject: Sendable>(_ point: VetoPoint<Subject>, _ subject: Subject) async throws(KernelError) {
        for entry in vetoes.withLock({ $0.handlers(of: point.name) }) where runs(entry.name) {
            do {
                try await entry.handler(subject)
            } catch let error as KernelError {
                throw error
            } catch {
                logger.warning("hook veto refused", metadata: ["veto": "\(point.name)", "handler": "\(entry.name)", "error": "\(error)"])
                throw KernelError.invalid(HookMessages.vetoed(by: entry.name))
            }
        }
    }

    // MARK: - Owners

    /// Sets what decides whether the handlers of an owner (the part of a handler's name before
    /// the first `.`) run; the kernel lets only enabled plugins' handlers run.
    func setOwnerGate(_ gate: @escaping @Sendable (String) -> Bool) {
        ownerGate.withLock { $0 = gate }
    }

    private func runs(_ handlerName: String) -> Bool {
        guard let gate = ownerGate.withLock({ $0 }) else { return true }
        let owner = handlerName.split(separator: ".", maxSplits: 1).first.map(String.init) ?? handlerName
        return gate(owner)
    }

    // MARK: - Removal

    /// Removes every listener, filter and veto handler called `name` (a plugin going away).
    public func removeHandlers(named name: String) {
        listeners.withLock { $0.remove(named: name) }
        filters.withLock { $0.remove(named: name) }
        vetoes.withLock { $0.remove(named: name) }
    }
}

/// A handler was registered for a hook under another value type than the hook carries.
struct HookTypeMismatch: Error, CustomStringConvertible {
    let hook: String
    var description: String { "hook '\(hook)' carries another value type" }
}
