import Storage

/// The hook bus as one plugin uses it. Plugins talk to each other only here - events, filters,
/// vetoes and typed services - never by importing each other. Every handler a plugin adds is
/// named `<plugin>.<name>` and is skipped while that plugin is disabled or not installed.
///
/// Handlers of one hook run in a fixed order: priority ascending, then name, then the order
/// they were added.
public struct PluginHooks: Sendable {
    private let plugin: String
    private let router: any HookRouter

    package init(plugin: String, router: any HookRouter) {
        self.plugin = plugin
        self.router = router
    }

    private func handlerName(_ name: String) -> String { "\(plugin).\(name)" }

    // MARK: - Events

    /// A durable listener: it runs inside the write that published the event, in a savepoint of
    /// its own, with this plugin's tables (and the outbox) in reach - so what it writes commits
    /// exactly when the change that caused the event does, and a crash cannot separate them. If
    /// it throws, only its own changes are undone; the error is logged and the publishing write
    /// goes on.
    public func on(_ event: EventName, priority: Int = 100, name: String, _ listener: @escaping @Sendable (HookEvent, Database) throws -> Void) {
        router.subscribe(event.rawValue, priority: priority, handler: handlerName(name), .durable(listener))
    }

    /// An in-memory listener: it runs once the publishing write has committed (before that
    /// write's caller resumes). For work that may be lost with the process: caches, logs, metrics.
    public func onCommitted(_ event: EventName, priority: Int = 100, name: String, _ listener: @escaping @Sendable (HookEvent) async -> Void) {
        router.subscribe(event.rawValue, priority: priority, handler: handlerName(name), .committed(listener))
    }

    /// Publishes `event` inside the write `db` belongs to: durable listeners run now, in-memory
    /// ones after commit.
    public func publish(_ event: HookEvent, in db: Database) throws {
        try router.publish(event, in: db)
    }

    /// Publishes `event` outside any write; durable listeners get a write of their own.
    public func publish(_ event: HookEvent) async throws {
        try await router.publish(event)
    }

    /// Whether anything listens to `event` (so a publisher can skip building its payload).
    public func hasListeners(_ event: EventName) -> Bool {
        router.hasListeners(event.rawValue)
    }

    // MARK: - Filters

    /// Adds `filter` to `point`; a filter that throws is logged and the value passes on unchanged.
    public func addFilter<Value: Sendable>(
        _ point: FilterPoint<Value>, priority: Int = 100, name: String, _ filter: @escaping @Sendable (Value) async throws -> Value
    ) {
        router.addFilter(point.name, priority: priority, handler: handlerName(name)) { value in
            guard let value = value as? Value else { throw HookTypeMismatch(hook: point.name) }
            return try await filter(value)
        }
    }

    /// Whether `point` has filters (so a caller can skip building the value).
    public func hasFilters<Value: Sendable>(_ point: FilterPoint<Value>) -> Bool {
        router.hasFilters(point.name)
    }

    /// Passes `value` through every filter of `point` in order and answers what comes out.
    public func apply<Value: Sendable>(_ point: FilterPoint<Value>, to value: Value) async -> Value {
        (await router.apply(point.name, to: value) as? Value) ?? value
    }

    // MARK: - Vetoes

    /// Adds `check` to `point`; it refuses by throwing (a `KernelError` reaches the caller as it
    /// is, anything else as "refused by <handler>").
    public func addVeto<Subject: Sendable>(
        _ point: VetoPoint<Subject>, priority: Int = 100, name: String, _ check: @escaping @Sendable (Subject) async throws -> Void
    ) {
        router.addVeto(point.name, priority: priority, handler: handlerName(name)) { subject in
            guard let subject = subject as? Subject else { throw HookTypeMismatch(hook: point.name) }
            try await check(subject)
        }
    }

    /// Asks every veto handler of `point` in order; throws the first refusal.
    public func check<Subject: Sendable>(_ point: VetoPoint<Subject>, _ subject: Subject) async throws(KernelError) {
        try await router.check(point.name, subject)
    }

    // MARK: - Services

    /// Offers `point`, answered by `handler` inside the caller's write with this plugin's tables
    /// in reach. Events it publishes (`publish(_:in:)`) belong to the caller's write.
    public func provide<Input: Sendable, Output: Sendable>(
        _ point: ServicePoint<Input, Output>, _ handler: @escaping @Sendable (Input, ServiceCall, Database) throws -> Output
    ) {
        router.provide(point.name, plugin: plugin) { input, call, db in
            guard let input = input as? Input else { throw HookTypeMismatch(hook: point.name) }
            return try handler(input, call, db)
        }
    }

    /// Calls `point` for `storeID` inside the write `db` belongs to. Throws -10 when no enabled
    /// plugin offers it.
    public func call<Input: Sendable, Output: Sendable>(
        _ point: ServicePoint<Input, Output>, _ input: Input, storeID: Int64, in db: Database
    ) throws -> Output {
        guard let output = try router.call(point.name, input: input, storeID: storeID, in: db) as? Output else {
            throw HookTypeMismatch(hook: point.name)
        }
        return output
    }

    /// Whether an enabled plugin offers `point`.
    public func isAvailable<Input: Sendable, Output: Sendable>(_ point: ServicePoint<Input, Output>) -> Bool {
        router.isAvailable(point.name)
    }
}
