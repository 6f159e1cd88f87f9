import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport

/// Calls the invoice plugin's ShopXO actions the way the ShopXO app does, plus shortcuts for
/// orders and applications.
extension InvoiceFixture {
    /// A ShopXO action with the app's common parameters, answered in `lang`.
    func shopxo(_ control: String, _ action: String, _ body: JSON = .emptyObject, token: String?, lang: String = "en") async throws
        -> HTTPResult
    {
        try await server.call(
            "invoice", control, action, body, token: token,
            query: "system_type=default&application=app&application_client_type=h5&uuid=test&lang=\(lang)&ajax=ajax")
    }

    /// An admin action on the admin path.
    func admin(_ control: String, _ action: String, _ body: JSON = .emptyObject, token: String, lang: String = "en") async throws
        -> HTTPResult
    {
        try await server.call("invoice", control, action, body, token: token, query: "lang=\(lang)", path: "/admin/plugins/index")
    }

    /// The id of a paid order (or recharge) of `userID`.
    func paidID(userID: Int64, amount: String = "100.00", kind: String = "order", gateway: String = "stripe") async throws -> Int64 {
        try ShopXOForms.id(try await paidInvoice(userID: userID, amount: amount, kind: kind, gateway: gateway))
    }

    /// Creates and pays through stripe an order in `currency`.
    func paidID(userID: Int64, amount: String, currency: String) async throws -> Int64 {
        let created = try await merchant(
            "create",
            ["user_id": .int(userID), "currency": .string(currency), "products": [["title": "Widget", "amount": .string(amount)]]])
        let id = try ShopXOForms.id(created.data ?? .null)
        let paid = try await merchant(
            "pay", ["id": .int(id), "gateway": "stripe", "transaction_id": .string("tx-\(UUID().uuidString)"), "amount": .string(amount)])
        guard paid.code == 0 else { throw RawHTTP.Failure(description: "pay failed: \(paid.text)") }
        return id
    }

    /// Applies for a personal e-invoice over `ids`; returns the new application's id.
    func apply(token: String, ids: [Int64], type: String = "0", form: JSONObject = ShopXOForms.personalEInvoice) async throws -> Int64 {
        var body = form
        body["ids"] = .string(ids.map(String.init).joined(separator: ","))
        body["type"] = .string(type)
        let answer = try await shopxo("user", "save", .object(body), token: token)
        guard answer.code == 0 else { throw RawHTTP.Failure(description: "save failed: \(answer.text)") }
        let list = try await shopxo("user", "index", ["page": 1], token: token)
        return try ShopXOForms.id(list.data?["data_list"]?.arrayValue?.first ?? .null)
    }

    /// An application's status as stored.
    func applicationStatus(_ id: Int64) async throws -> Int64? {
        try await server.kernel.access.storage.read { db in
            try db.queryOne("SELECT status FROM invoice_applications WHERE id = ?", id)?.int64("status")
        }
    }

    /// How many applications are stored.
    func applicationCount() async throws -> Int64 {
        try await server.kernel.access.storage.read { db in
            try db.queryOne("SELECT COUNT(*) AS n FROM invoice_applications")?.int64("n") ?? 0
        }
    }
}

/// Forms and small readers for ShopXO calls.
enum ShopXOForms {
    /// A personal VAT normal e-invoice, as the app sends it.
    static let personalEInvoice: JSONObject = [
        "invoice_type": 0, "apply_type": 0, "invoice_content": "商品明细", "invoice_title": "Zhang San", "email": "zhang@example.com",
        "user_note": "",
    ]

    /// A company VAT special paper invoice with every field it needs.
    static let companySpecialPaper: JSONObject = [
        "invoice_type": 2, "apply_type": 1, "invoice_content": "商品明细", "invoice_title": "Example Ltd",
        "invoice_code": "91310120MA1HWHB21C", "invoice_bank": "Example Bank", "invoice_account": "121937969510301",
        "invoice_tel": "021-88888888", "invoice_address": "1 Example Road", "name": "Li Si", "tel": "13222222222",
        "address": "2 Example Street",
    ]

    /// The `id` of an answer's object.
    static func id(_ value: JSON) throws -> Int64 {
        guard let id = value["id"]?.intValue else { throw RawHTTP.Failure(description: "no id in \(value.text)") }
        return id
    }

    /// The ids of a list answer's rows, in order.
    static func rowIDs(_ answer: HTTPResult) -> [Int64] {
        answer.data?["data_list"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
    }

    /// The JSON type skeleton of a value: leaves become their type name, an array the shape of its
    /// first element.
    static func shape(_ value: JSON) -> JSON {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .array(let items): .array(items.first.map { [shape($0)] } ?? [])
        case .object(let object): .object(JSONObject(object.map { ($0.key, shape($0.value)) }))
        }
    }

    /// Whether a text is `YYYY-MM-DD HH:MM:SS`.
    static func isUTCTime(_ value: JSON?) -> Bool {
        guard let text = value?.stringValue else { return false }
        return text.range(of: #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"#, options: .regularExpression) != nil
    }
}

/// Collects the hook events a test listens to.
actor ShopXOEventLog {
    private(set) var events: [HookEvent] = []
    func append(_ event: HookEvent) { events.append(event) }
}
