import Contracts
import PluginSDK

/// `copy/merchant/copy`: `Code` names an invoice (by number) or a schedule (by code); each of
/// `CustomerCodes` gets a fresh copy sent at `SendDate` - a new schedule for a schedule, and for
/// an invoice a one-time schedule whose single occurrence creates the new invoice (fresh number,
/// fresh dates, same lines and texts, none of the original's payment or history). Unknown codes
/// are reported by name; one bad code and nothing is created. One write: the services it calls
/// (`ScheduleService`, `InvoiceService`) run inside it, and what they publish belongs to it.
enum CopyAction {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let code = try field(params, "Code", "code")
        let sendDate = try field(params, "SendDate", "sendDate", "send_date")
        let customers = try customerCodes(params)
        let hooks = context.services.hooks
        let created = try await context.storage.write { db -> JSON in
            let storeID = try context.storeID(in: db)
            let known = try hooks.call(ScheduleService.customers, customers, storeID: storeID, in: db)
            guard known.unknown.isEmpty else { throw CopyMessages.unknown("CustomerCodes", known.unknown) }
            if let copies = try hooks.call(
                ScheduleService.copy, ScheduleCopy(code: code, sendDate: sendDate, customerCodes: customers), storeID: storeID, in: db)
            {
                return ["kind": "schedule", "copies": .array(copies.map(\.json))]
            }
            guard let invoice = try hooks.call(InvoiceService.lines, InvoiceReference(number: code), storeID: storeID, in: db) else {
                throw CopyMessages.unknown("Code", [code])
            }
            let copies = try customers.map { customer in
                let body: JSONObject = [
                    "customers": [["code": .string(customer)]], "createStatus": 1, "title": .string("Invoice \(code)"),
                    "sendDate": .string(sendDate), "currency": .string(invoice.currency), "notes": JSON(invoice.feedback),
                    "products": .array(invoice.lines.map(Self.product)),
                    "attachments": .array(invoice.attachments.map { .string(String($0)) }),
                    "sendAttachmentsAfterSuccessPayment": .bool(invoice.attachmentsAfterPayment),
                    "schedule": ["interval": 1, "scheduleType": 0, "count": 1, "dueDateAfterHowManyDay": 0],
                ]
                return try hooks.call(ScheduleService.create, ScheduleDraft(body: body, linesFrom: invoice.number), storeID: storeID, in: db).json
            }
            return ["kind": "invoice", "copies": .array(copies)]
        }
        return .ok(created)
    }

    /// A line in PayPing's product shape.
    private static func product(_ line: InvoiceLineDraft) -> JSON {
        [
            "code": .string(line.code), "title": .string(line.title), "description": .string(line.description),
            "haveTax": .bool(line.haveTax), "quantity": .int(line.quantity), "amount": .string(line.amount),
            "discountType": .int(line.discountType), "discountAmount": .string(line.discountAmount), "couponCode": .string(line.couponCode),
        ]
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
