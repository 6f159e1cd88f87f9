import Contracts
import Foundation
import PluginSDK

/// The schedule plugin's side of `ScheduleService` (Contracts), for the copy plugin: customers
/// by code, a schedule from a PayPing body, and copies of a schedule for other customers - all
/// inside the caller's write.
struct ScheduleServices: Sendable {
    let services: PluginServices

    func register() {
        let hooks = services.hooks
        hooks.provide(ScheduleService.customers) { codes, call, db in
            let (found, unknown) = try CatalogRecords.customers(db, storeID: call.storeID, codes: codes)
            return CustomerLookup(found: found.map(\.code), unknown: unknown)
        }
        hooks.provide(ScheduleService.create) { draft, call, db in try create(draft, call, db) }
        hooks.provide(ScheduleService.copy) { copy, call, db in try self.copy(copy, call, db) }
    }

    /// A schedule from a PayPing body.
    func create(_ draft: ScheduleDraft, _ call: ServiceCall, _ db: Database) throws -> CreatedSchedule {
        let request = try ScheduleRequest(
            Params(draft.body), weekend: try ScheduleSettings.weekend(db, storeID: call.storeID),
            timeZone: try ScheduleSettings.timeZone(db, storeID: call.storeID, hooks: services.hooks))
        let schedule = try CreateSchedule.create(
            request, storeID: call.storeID, requestID: nil, linesFrom: draft.linesFrom, now: call.now, db: db, hooks: services.hooks)
        return CreatedSchedule(code: schedule.code, json: schedule.json)
    }

    /// One new schedule per customer with the original's body, starting at `sendDate`.
    func copy(_ copy: ScheduleCopy, _ call: ServiceCall, _ db: Database) throws -> [CreatedSchedule]? {
        guard let original = try ScheduleRecords.find(db, storeID: call.storeID, code: copy.code) else { return nil }
        return try copy.customerCodes.map { customer in
            var body = original.request.objectValue ?? JSONObject()
            body["customers"] = [["code": .string(customer)]]
            body["tagIds"] = nil
            body["number"] = nil
            body["sendDate"] = .string(copy.sendDate)
            let request = try ScheduleRequest(
                Params(body), weekend: original.recurrence.weekend, timeZone: original.recurrence.timeZone.identifier)
            let schedule = try CreateSchedule.create(
                request, storeID: call.storeID, requestID: nil, linesFrom: original.linesFrom, now: call.now, db: db, hooks: services.hooks)
            return CreatedSchedule(code: schedule.code, json: schedule.json)
        }
    }
}
