import Kernel
import Storage

/// `copy/merchant/copy`: `Code` names an invoice (by number) or a schedule (by code); each of
/// `CustomerCodes` gets a fresh copy sent at `SendDate` - a new schedule for a schedule, and for
/// an invoice a one-time schedule whose single occurrence creates the new invoice (fresh number,
/// fresh dates, same lines and texts, none of the original's payment or history). Unknown codes
/// are reported by name; one bad code and nothing is created.
enum CopyAction {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let params = context.params
        let code = try field(params, "Code", "code")
        let sendDate = try field(params, "SendDate", "sendDate", "send_date")
        let customers = try customerCodes(params)
        let now = context.services.clock.unixSeconds()
        let directory = context.services.directory
        let created = try await context.storage.write { db -> JSON in
            var events: [HookEvent] = []
            let known = try directory.call(
                "schedule.customers", input: ["codes": .array(customers.map { .string($0) })], storeID: storeID, now: now, db: db, events: &events)
            let unknown = (known["unknown"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard unknown.isEmpty else { throw CopyMessages.unknown("CustomerCodes", unknown) }
            let copies = try directory.call(
                "schedule.copy", input: ["code": .string(code), "sendDate": .string(sendDate), "customerCodes": .array(customers.map { .string($0) })],
                storeID: storeID, now: now, db: db, events: &events)
            if copies["found"] == true {
                return ["kind": "schedule", "copies": copies["schedules"] ?? []]
            }
            let invoice = try directory.call("invoice.lines", input: ["number": .string(code)], storeID: storeID, now: now, db: db, events: &events)
            guard invoice["found"] == true else { throw CopyMessages.unknown("Code", [code]) }
            var copiesMade: [JSON] = []
            for customer in customers {
                let body: JSON = [
                    "customers": [["code": .string(customer)]], "createStatus": 1, "title": .string("Invoice \(code)"),
                    "sendDate": .string(sendDate), "currency": invoice["currency"] ?? .null, "notes": invoice["feedback"] ?? .null,
                    "products": invoice["products"] ?? [],
                    "schedule": ["interval": 1, "scheduleType": 0, "count": 1, "dueDateAfterHowManyDay": 0],
                ]
                copiesMade.append(try directory.call("schedule.create", input: body, storeID: storeID, now: now, db: db, events: &events))
            }
            return ["kind": "invoice", "copies": .array(copiesMade)]
        }
        return .ok(created)
    }

    private static func field(_ params: Params, _ names: String...) throws -> String {
        for name in names { if let value = params.string(name), !value.isEmpty { return value } }
        throw KernelError.badParameter(names[0], .missing)
    }

    private static func customerCodes(_ params: Params) throws -> [String] {
        let value = params["CustomerCodes"] ?? params["customerCodes"] ?? params["customer_codes"] ?? .null
        var items: [JSON]
        switch value {
        case .array(let array): items = array
        case .string(let text):
            if let parsed = try? JSON.parse(Array(text.utf8)), let array = parsed.arrayValue {
                items = array
            } else {
                items = text.split(separator: ",").map { .string(String($0)) }
            }
        default: items = []
        }
        var codes: [String] = []
        for (index, item) in items.enumerated() {
            guard let code = item.stringValue, (1...64).contains(code.count) else {
                throw KernelError.badParameter("CustomerCodes[\(index)]", .malformed)
            }
            if !codes.contains(code) { codes.append(code) }
        }
        guard !codes.isEmpty else { throw KernelError.badParameter("CustomerCodes", .missing) }
        return codes
    }
}

/// Messages the copy plugin answers with.
enum CopyMessages {
    static func unknown(_ field: String, _ codes: [String]) -> KernelError {
        let list = codes.joined(separator: ", ")
        return KernelError.invalid(
            LocalizedText(en: "\(field): unknown code(s) \(list)", zh: "\(field)：未知编号 \(list)", fa: "\(field): کد(های) ناشناخته \(list)"))
    }
}
