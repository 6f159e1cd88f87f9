import Contracts
import Foundation
import PluginSDK

/// `schedule/merchant/create`: PayPing's `/v2/invoice/Schedule` body, as JSON or a form.
/// Recipients are `customers[{code}]` plus every customer carrying one of `tagIds`; products may
/// name catalog items by `code`. Totals are priced now by the invoice plugin and shown in the
/// answer. The same `request_id` (or `Idempotency-Key`) answers the same schedule, never two.
enum CreateSchedule {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let requestID = context.params.string("request_id") ?? context.request.headers["idempotency-key"]
        if let requestID, requestID.isEmpty || requestID.count > 128 { throw KernelError.badParameter("request_id", .malformed) }
        let now = context.now
        let schedule = try await context.storage.write { db -> Schedule in
            let storeID = try context.storeID(in: db)
            let request = try ScheduleRequest(
                context.params, weekend: try ScheduleSettings.weekend(db, storeID: storeID),
                timeZone: try ScheduleSettings.timeZone(db, storeID: storeID, hooks: context.services.hooks))
            if let requestID, let id = try db.queryOne(
                "SELECT id FROM schedule_schedules WHERE store_id = ? AND request_id = ?", storeID, requestID)?.int64("id"),
                let existing = try ScheduleRecords.find(db, id: id)
            {
                return existing
            }
            return try create(request, storeID: storeID, requestID: requestID, linesFrom: nil, now: now, db: db, hooks: context.services.hooks)
        }
        return .ok(schedule.json)
    }

    /// Prices and stores a checked request; used by this action and the `schedule.create` service.
    /// `linesFrom` names the invoice a copy's lines come from (their codes need not be catalog
    /// items).
    static func create(
        _ request: ScheduleRequest, storeID: Int64, requestID: String?, linesFrom: String?, now: Int64, db: Database, hooks: PluginHooks
    ) throws -> Schedule {
        let recipients = try recipients(request, storeID: storeID, db: db)
        if !request.attachments.isEmpty {
            _ = try hooks.call(InvoiceService.attachments, AttachmentIDs(request.attachments, field: "attachments"), storeID: storeID, in: db)
        }
        let priced = try SchedulePricing.price(request, storeID: storeID, catalogCodes: linesFrom == nil, db: db, hooks: hooks)
        let code = request.number ?? "SCH-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).uppercased()
        guard try ScheduleRecords.find(db, storeID: storeID, code: code) == nil else { throw ScheduleMessages.codeTaken }
        let id = try ScheduleRecords.insert(
            db, storeID: storeID, code: code, request: request, priced: priced, recipients: recipients, requestID: requestID, linesFrom: linesFrom,
            now: now)
        guard let schedule = try ScheduleRecords.find(db, id: id) else { throw KernelError.notFound }
        return schedule
    }

    /// Customer ids from `customers` and `tagIds`; unknown codes and empty tags are reported by name.
    static func recipients(_ request: ScheduleRequest, storeID: Int64, db: Database) throws -> [Int64] {
        let (found, unknown) = try CatalogRecords.customers(db, storeID: storeID, codes: request.customerCodes)
        guard unknown.isEmpty else { throw ScheduleMessages.unknownCodes("customers", unknown) }
        var ids = found.map(\.id)
        var emptyTags: [String] = []
        for tag in request.tagIDs {
            let members = try CatalogRecords.customerIDs(db, storeID: storeID, tags: [tag])
            if members.isEmpty { emptyTags.append(tag) }
            for id in members where !ids.contains(id) { ids.append(id) }
        }
        guard emptyTags.isEmpty else { throw ScheduleMessages.unknownCodes("tagIds", emptyTags) }
        guard !ids.isEmpty else { throw ScheduleMessages.noRecipients }
        return ids
    }
}
