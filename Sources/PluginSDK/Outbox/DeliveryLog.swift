/// A plugin's delivery log over the kernel's outbox: `delivery/list|view|redeliver` for one API
/// key scope - the store's webhooks, SMS and email, each one's attempts, and a manual redeliver
/// that keeps the event id. The schedule and invoice plugins both offer it.
public enum DeliveryLog {
    /// The three routes, for API keys with `scope` (or admins with the route's permission).
    public static func routes(scope: String) -> [Route] {
        let storeID = Param.integer("store_id", range: 1...Int64.max, "The store an admin acts for (default 1)")
        let eventID = Param.string("event_id", required: true, maxLength: 64)
        return [
            Route(
                "delivery", "list", access: .apiKey(scope: scope),
                params: [
                    .integer("page", range: 1...1_000_000), .integer("page_size", range: 1...100),
                    .string("channel", allowed: OutboxMessage.Channel.allCases.map(\.rawValue)), storeID,
                ],
                summary: "The store's outgoing webhooks, SMS and email, newest first", handler: list),
            Route(
                "delivery", "view", access: .apiKey(scope: scope), params: [eventID, storeID],
                summary: "One message with every delivery attempt", handler: view),
            Route(
                "delivery", "redeliver", access: .apiKey(scope: scope), params: [eventID, storeID],
                summary: "Send a delivered or failed message again (same event id)", handler: redeliver),
        ]
    }

    /// A message still waiting for its next attempt cannot be sent again yet.
    public static let stillPending = KernelError.invalid(
        LocalizedText(en: "this message is still being delivered", zh: "该消息仍在投递中", fa: "این پیام هنوز در حال ارسال است"))

    static func list(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let page = try context.params.int("page") ?? 1
        let size = try context.params.int("page_size") ?? 20
        let channel = context.params.string("channel").flatMap { OutboxMessage.Channel(rawValue: $0) }
        let outbox = context.services.outbox
        let (entries, total) = try await context.storage.read { db in
            (
                try outbox.list(storeID: storeID, channel: channel, limit: Int(size), offset: Int((page - 1) * size), in: db),
                try outbox.count(storeID: storeID, channel: channel, in: db)
            )
        }
        return .page(entries.map(\.json), page: page, pageSize: size, total: total)
    }

    static func view(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let eventID = try context.params.requiredString("event_id")
        let outbox = context.services.outbox
        let (entry, attempts) = try await context.storage.read { db -> (OutboxEntry, [OutboxAttempt]) in
            guard let entry = try outbox.find(storeID: storeID, eventID: eventID, in: db) else { throw KernelError.notFound }
            return (entry, try outbox.attempts(of: entry, in: db))
        }
        var json = entry.json.objectValue ?? JSONObject()
        json["attempts_log"] = .array(attempts.map(\.json))
        return .ok(.object(json))
    }

    static func redeliver(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let eventID = try context.params.requiredString("event_id")
        let outbox = context.services.outbox
        let entry = try await context.storage.write { db -> OutboxEntry in
            guard try outbox.find(storeID: storeID, eventID: eventID, in: db) != nil else { throw KernelError.notFound }
            guard try outbox.redeliver(storeID: storeID, eventID: eventID, in: db) else { throw stillPending }
            guard let entry = try outbox.find(storeID: storeID, eventID: eventID, in: db) else { throw KernelError.notFound }
            return entry
        }
        return .ok(entry.json)
    }
}
