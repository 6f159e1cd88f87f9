import PluginSDK

/// `delivery/list|view|redeliver`: the store's outbox as a delivery log - webhooks, SMS and
/// email, their attempts, and a manual redeliver that keeps the event id.
enum DeliveryActions {
    static func list(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let page = try context.params.int("page") ?? 1
        let size = try context.params.int("page_size") ?? 20
        let channel = context.params.string("channel").flatMap { OutboxMessage.Channel(rawValue: $0) }
        let outbox = context.services.outbox
        let entries = try await context.storage.read { db in
            try outbox.list(storeID: storeID, channel: channel, limit: Int(size), offset: Int((page - 1) * size), in: db)
        }
        return .ok(["page": .int(page), "page_size": .int(size), "items": .array(entries.map(\.json))])
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

    /// Sends a delivered or failed message again, due now, with the same event id.
    static func redeliver(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let eventID = try context.params.requiredString("event_id")
        let outbox = context.services.outbox
        let entry = try await context.storage.write { db -> OutboxEntry in
            guard try outbox.find(storeID: storeID, eventID: eventID, in: db) != nil else { throw KernelError.notFound }
            guard try outbox.redeliver(storeID: storeID, eventID: eventID, in: db) else { throw ScheduleMessages.stillPending }
            guard let entry = try outbox.find(storeID: storeID, eventID: eventID, in: db) else { throw KernelError.notFound }
            return entry
        }
        return .ok(entry.json)
    }
}
