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
}

/// The kernel's event bus: plugins talk to each other only through it. Listeners run in a fixed
/// order (priority ascending, then name); a failing listener is logged and skipped.
public final class HookBus: Sendable {
    /// A subscriber to one event name.
    public typealias Listener = @Sendable (HookEvent) async throws -> Void

    private struct Subscription: Sendable {
        let event: String
        let priority: Int
        let name: String
        let listener: Listener
    }

    private let subscriptions = LockedValue<[Subscription]>([])
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    /// Subscribes `listener`, called `name` in logs, to `event`.
    public func on(_ event: String, priority: Int = 100, name: String, _ listener: @escaping Listener) {
        subscriptions.withLock { list in
            list.append(Subscription(event: event, priority: priority, name: name, listener: listener))
            list.sort { ($0.priority, $0.name) < ($1.priority, $1.name) }
        }
    }

    /// Delivers `event` to its listeners in order and returns once all have run.
    public func publish(_ event: HookEvent) async {
        let listeners = subscriptions.withLock { $0.filter { $0.event == event.name } }
        for subscription in listeners {
            do {
                try await subscription.listener(event)
            } catch {
                logger.error(
                    "hook listener failed",
                    metadata: ["event": "\(event.name)", "listener": "\(subscription.name)", "error": "\(error)"])
            }
        }
    }

    /// Whether anything listens to `event` (so a publisher can skip building its payload).
    public func hasListeners(_ event: String) -> Bool {
        subscriptions.withLock { list in list.contains { $0.event == event } }
    }
}
