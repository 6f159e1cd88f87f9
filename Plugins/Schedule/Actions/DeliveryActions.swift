import Kernel
import Storage

/// `delivery/list|view|redeliver`: the store's outbox as a delivery log - webhooks, SMS and
/// email, their attempts, and a manual redeliver that keeps the event id.
enum DeliveryActions {
    static func list(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let page = try context.params.int("page") ?? 1
        let size = try context.params.int("page_size") ?? 20
        let channel = context.params.string("channel").flatMap { OutboxMessage.Channel(rawValue: $0) }
        let entries = try await context.storage.read { db in
            try Outbox.list(db, storeID: storeID, channel: channel, limit: Int(size), offset: Int((page - 1) * size))
        }
        return .ok(["page": .int(page), "page_size": .int(size), "items": .array(entries.map(\.json))])
    }

    static func view(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let eventID = try context.params.requiredString("event_id")
        let (entry, attempts) = try await context.storage.read { db -> (Outbox.Entry, [Outbox.Attempt]) in
            guard let entry = try Outbox.find(db, storeID: storeID, eventID: eventID) else { throw KernelError.notFound }
            return (entry, try Outbox.attempts(db, messageID: entry.id))
        }
        var json = entry.json.objectValue ?? JSONObject()
        json["attempts_log"] = .array(attempts.map(\.json))
        return .ok(.object(json))
    }

    /// Sends a delivered or failed message again, due now, with the same event id.
    static func redeliver(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let eventID = try context.params.requiredString("event_id")
        let now = context.services.clock.unixSeconds()
        let entry = try await context.storage.write { db -> Outbox.Entry in
            guard try Outbox.find(db, storeID: storeID, eventID: eventID) != nil else { throw KernelError.notFound }
            guard try Outbox.redeliver(db, storeID: storeID, eventID: eventID, now: now) else { throw ScheduleMessages.stillPending }
            guard let entry = try Outbox.find(db, storeID: storeID, eventID: eventID) else { throw KernelError.notFound }
            return entry
        }
        return .ok(entry.json)
    }
}
