import Synchronization

/// The parameter names an action read, collected while it runs (see `Params.readLog`).
public final class ParamReadLog: Sendable {
    private let names = Mutex<Set<String>>([])

    public init() {}

    /// Notes that `name` was read.
    public func note(_ name: String) {
        names.withLock { _ = $0.insert(name) }
    }

    /// Every name read so far.
    public var read: Set<String> { names.withLock { $0 } }
}
