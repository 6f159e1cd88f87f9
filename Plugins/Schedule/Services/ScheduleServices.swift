import Kernel
import Storage

/// What the schedule plugin offers other plugins (the copy plugin) through the kernel:
/// - `schedule.customers` `{codes}` -> `{customers: [{code, name, email, phone}], unknown: [code]}`
/// - `schedule.create` a PayPing body -> the new schedule
/// - `schedule.copy` `{code, sendDate, customerCodes}` -> `{found, schedules: [...]}`: one new
///   schedule per customer with the original's products, texts and recurrence, starting at `sendDate`.
enum ScheduleServices {
    static func register(in directory: ServiceDirectory, plugin: String) {
        directory.register("schedule.customers", plugin: plugin, customers)
        directory.register("schedule.create", plugin: plugin) { call, db in try create(call, db, directory: directory) }
        directory.register("schedule.copy", plugin: plugin) { call, db in try copy(call, db, directory: directory) }
    }

    static func customers(_ call: inout ServiceCall, _ db: Database) throws -> JSON {
        let codes = (call.input["codes"]?.arrayValue ?? []).compactMap(\.stringValue)
        let (found, unknown) = try CatalogRecords.customers(db, storeID: call.storeID, codes: codes)
        return ["customers": .array(found.map(\.json)), "unknown": .array(unknown.map { .string($0) })]
    }

    static func create(_ call: ServiceCall, _ db: Database, directory: ServiceDirectory) throws -> JSON {
        let request = try ScheduleRequest(
            Params(call.input.objectValue ?? JSONObject()), weekend: try ScheduleSettings.weekend(db, storeID: call.storeID))
        return try CreateSchedule.create(request, storeID: call.storeID, requestID: nil, now: call.now, db: db, directory: directory).json
    }

    static func copy(_ call: ServiceCall, _ db: Database, directory: ServiceDirectory) throws -> JSON {
        let code = call.input["code"]?.stringValue ?? ""
        guard let original = try ScheduleRecords.find(db, storeID: call.storeID, code: code) else { return ["found": false] }
        let sendDate = call.input["sendDate"] ?? .null
        var created: [JSON] = []
        for customer in (call.input["customerCodes"]?.arrayValue ?? []) {
            var body = original.request.objectValue ?? JSONObject()
            body["customers"] = [["code": customer]]
            body["tagIds"] = nil
            body["number"] = nil
            body["sendDate"] = sendDate
            let request = try ScheduleRequest(Params(body), weekend: original.recurrence.weekend)
            created.append(try CreateSchedule.create(request, storeID: call.storeID, requestID: nil, now: call.now, db: db, directory: directory).json)
        }
        return ["found": true, "schedules": .array(created)]
    }
}
