/// The handlers of one kind of hook, kept in the bus's fixed order: priority ascending, then
/// name, then the order they were added (so equal keys never swap between runs).
struct HandlerList<Handler: Sendable>: Sendable {
    struct Entry: Sendable {
        let hook: String
        let priority: Int
        let name: String
        let sequence: Int
        let handler: Handler
    }

    private var entries: [Entry] = []
    private var nextSequence = 0

    mutating func add(hook: String, priority: Int, name: String, _ handler: Handler) {
        entries.append(Entry(hook: hook, priority: priority, name: name, sequence: nextSequence, handler: handler))
        nextSequence += 1
        entries.sort { ($0.priority, $0.name, $0.sequence) < ($1.priority, $1.name, $1.sequence) }
    }

    /// The handlers of `hook`, in running order.
    func handlers(of hook: String) -> [Entry] {
        entries.filter { $0.hook == hook }
    }

    func contains(hook: String) -> Bool {
        entries.contains { $0.hook == hook }
    }

    /// Removes the handlers whose name matches.
    mutating func remove(where matches: (String) -> Bool) {
        entries.removeAll { matches($0.name) }
    }
}
