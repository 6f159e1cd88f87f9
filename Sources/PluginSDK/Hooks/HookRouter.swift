import Storage

/// A listener as the bus keeps it.
package enum HookListener: Sendable {
    /// Runs inside the write that published the event, in its owner's scope and a savepoint of
    /// its own.
    case durable(@Sendable (HookEvent, Database) throws -> Void)
    /// Runs after that write committed.
    case committed(@Sendable (HookEvent) async -> Void)
}

/// A service handler with its types erased.
package typealias ErasedService = @Sendable (any Sendable, ServiceCall, Database) throws -> any Sendable

/// The kernel's hook bus as `PluginHooks` reaches it. Handler names arrive already prefixed with
/// their plugin's name (`hello.count-paid`).
package protocol HookRouter: Sendable {
    func subscribe(_ event: String, priority: Int, handler: String, _ listener: HookListener)
    func publish(_ event: HookEvent, in db: Database) throws
    func publish(_ event: HookEvent) async throws
    func hasListeners(_ event: String) -> Bool
    func addFilter(_ point: String, priority: Int, handler: String, _ filter: @escaping @Sendable (any Sendable) async throws -> any Sendable)
    func hasFilters(_ point: String) -> Bool
    func apply(_ point: String, to value: any Sendable) async -> any Sendable
    func addVeto(_ point: String, priority: Int, handler: String, _ check: @escaping @Sendable (any Sendable) async throws -> Void)
    func check(_ point: String, _ subject: any Sendable) async throws(KernelError)
    func provide(_ service: String, plugin: String, _ handler: @escaping ErasedService)
    func call(_ service: String, input: any Sendable, storeID: Int64, in db: Database) throws -> any Sendable
    func isAvailable(_ service: String) -> Bool
}

/// A handler answered or was given a value of another type than its hook carries.
struct HookTypeMismatch: Error, CustomStringConvertible {
    let hook: String
    var description: String { "hook '\(hook)' carries another value type" }
}
