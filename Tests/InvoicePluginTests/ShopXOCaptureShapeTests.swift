import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// Our answers compared key by key and type by type with real ShopXO traffic (the captures and
/// the saveinfo document), embedded here as skeletons: every leaf is its JSON type name.
@Suite struct ShopXOCaptureShapeTests {
    /// `base` of center and saveinfo (capture 01, 03).
    static let base: JSON = [
        "is_invoice_order": "string", "is_invoice_recharge": "string", "is_order_submit_invoice": "string",
        "order_success_start_time": "string", "order_add_max_time": "string", "recharge_add_max_time": "string",
        "can_invoice_type": ["string"], "invoice_content_type": ["string"], "invoice_desc": ["string"],
        "is_user_quick_select": "string", "is_app_invoice_default_last_info": "string", "is_web_invoice_default_last_info": "string",
    ]

    static let choice: JSON = [["id": "number", "name": "string"]]

    /// The saveinfo answer's top level (document and capture 03), for a new application.
    static func saveInfo(data: JSON, businessNos: JSON) -> JSON {
        [
            "base": base,
            "data": data,
            // The document answers total_price as a string ("5357.45"); capture 03 has a number.
            // Both clients compare it with 0; the decimal string keeps money exact.
            "save_base_data": [
                "total_price": "string", "business_ids": "string", "business_nos": businessNos, "business_type": "number",
                "business_desc": "string",
            ],
            "apply_type_list": choice,
            "invoice_content_list": ["string"],
            "can_invoice_type_list": choice,
        ]
    }

    /// The edit form's `data` (the document's example): every value a string, `electronic_invoice` null.
    static let editData: JSON = [
        "id": "string", "user_id": "string", "business_type": "string", "status": "string", "total_price": "string",
        "apply_type": "string", "invoice_type": "string", "invoice_content": "string", "invoice_title": "string",
        "invoice_code": "string", "invoice_bank": "string", "invoice_account": "string", "invoice_tel": "string",
        "invoice_address": "string", "name": "string", "tel": "string", "email": "string", "address": "string",
        "electronic_invoice": "null", "express_name": "string", "express_number": "string", "refuse_reason": "string",
        "user_note": "string", "add_time": "string", "upd_time": "string",
    ]

    /// An application row of user/index and user/detail (capture 05, 06).
    static let applicationRow: JSON = [
        "id": "number", "user_id": "number", "business_type": "number", "status": "number", "total_price": "string",
        "apply_type": "number", "invoice_type": "number", "invoice_content": "string", "invoice_title": "string",
        "invoice_code": "string", "invoice_bank": "string", "invoice_account": "string", "invoice_tel": "string",
        "invoice_address": "string", "name": "string", "tel": "string", "email": "string", "address": "string",
        "electronic_invoice": "null", "express_name": "string", "express_number": "string", "refuse_reason": "string",
        "user_note": "string", "add_time": "string", "upd_time": "string", "business_type_name": "string",
        "status_name": "string", "apply_type_name": "string", "invoice_type_name": "string",
        "business_list": [["invoice_id": "number", "business_id": "number", "business_no": "string"]],
    ]

    static let field: JSON = [["name": "string", "field": "string", "type": "string"]]

    /// ShopXO's page structure around `row`.
    static func page(_ row: JSON) -> JSON {
        [
            "page": "number", "page_start": "number", "page_size": "string", "page_total": "number", "data_total": "number",
            "data_list": [row], "field_list": field,
        ]
    }

    /// The keys an order row shares with capture 02, with their types.
    static let orderRow: [String: JSON] = [
        "id": "number", "order_no": "string", "user_id": "number", "status": "number", "pay_status": "number",
        "price": "string", "total_price": "string", "pay_price": "string", "refund_price": "string",
        "buy_number_count": "number", "pay_time": "string", "add_time": "string", "upd_time": "string",
    ]

    /// The keys a recharge row shares with capture 10, with their types.
    static let rechargeRow: [String: JSON] = [
        "id": "number", "user_id": "number", "recharge_no": "string", "status": "number", "money": "string",
        "pay_money": "string", "payment": "string", "payment_name": "string", "pay_time": "string", "add_time": "string",
    ]

    @Test func centerMatchesCapture01() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let answer = try await fixture.shopxo("user", "center", token: user.token, lang: "zh")
            let expected: JSON = [
                "base": Self.base, "nav": Self.choice,
                "invoice_business_list": [
                    [
                        "type": "number", "name": "string", "control": "string", "page": "string", "no_field": "string",
                        "price_field": "string", "detail_page": "string",
                    ]
                ],
            ]
            #expect(answer.msg == "操作成功")
            #expect(ShopXOForms.shape(answer.data ?? .null) == expected)
        }
    }

    @Test func newSaveInfoMatchesTheDocumentAndCapture03() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id, amount: "5357.45")
            let answer = try await fixture.shopxo(
                "user", "saveinfo",
                ["ids": .string(String(order)), "type": "0", "is_redirect": "1", "lang_can_key": "apply_type_list,can_invoice_type_list"],
                token: user.token, lang: "zh")
            #expect(answer.code == 0)
            let expected = Self.saveInfo(data: "null", businessNos: .object([String(order): "string"]))
            #expect(ShopXOForms.shape(answer.data ?? .null) == expected)
            #expect(answer.data?["save_base_data"]?["total_price"] == "5357.45")
            #expect(answer.data?["save_base_data"]?["business_type"] == 0)
            #expect(answer.data?["apply_type_list"] == [["id": 0, "name": "个人"], ["id": 1, "name": "企业"]])
            #expect(answer.data?["can_invoice_type_list"]?.arrayValue?.map { $0["id"] } == [0, 1, 2, 3])
            #expect(answer.data?["invoice_content_list"] == ["商品明细", "商品类别"])
        }
    }

    @Test func editSaveInfoAnswersTheApplicationAsTheDocumentShowsIt() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id, amount: "5357.45")
            let id = try await fixture.apply(token: user.token, ids: [order], form: ShopXOForms.companySpecialPaper)
            let answer = try await fixture.shopxo("user", "saveinfo", ["id": .string(String(id))], token: user.token)
            let expected = Self.saveInfo(data: Self.editData, businessNos: .object([String(order): "string"]))
            #expect(ShopXOForms.shape(answer.data ?? .null) == expected)
            let data = answer.data?["data"] ?? .null
            #expect(data["id"] == .string(String(id)))
            #expect(data["status"] == "0")
            #expect(data["invoice_type"] == "2")
            #expect(data["total_price"] == "5357.45")
            #expect(ShopXOForms.isUTCTime(data["add_time"]))
            #expect(answer.data?["save_base_data"]?["total_price"] == "5357.45")
        }
    }

    @Test func listAndDetailMatchCaptures05And06() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let id = try await fixture.apply(token: user.token, ids: [try await fixture.paidID(userID: user.id)])
            let list = try await fixture.shopxo("user", "index", ["page": 1], token: user.token, lang: "zh")
            #expect(ShopXOForms.shape(list.data ?? .null) == Self.page(Self.applicationRow))
            #expect(list.data?["field_list"]?.arrayValue?.map { $0["field"] } == Self.applicationFields)
            let row = list.data?["data_list"]?.arrayValue?.first ?? .null
            #expect(row["status_name"] == "待审核")
            #expect(row["apply_type_name"] == "个人")
            #expect(row["invoice_type_name"] == "增值税普通电子发票")
            #expect(row["business_type_name"] == "订单")
            let detail = try await fixture.shopxo("user", "detail", ["id": .string(String(id))], token: user.token, lang: "zh")
            #expect(ShopXOForms.shape(detail.data ?? .null) == ["data": Self.applicationRow, "field_list": Self.field])
        }
    }

    /// The columns of capture 05, in its order.
    static let applicationFields: [JSON?] = [
        "apply_type_name", "invoice_type_name", "status_name", "total_price", "business_type_name", "invoice_content",
        "invoice_title", "invoice_code", "invoice_bank", "invoice_account", "invoice_tel", "invoice_address", "name", "tel",
        "address", "email", "refuse_reason", "user_note", "express_name", "express_number", "add_time", "upd_time",
    ]

    @Test func orderAndRechargeRowsShareCaptures02And10Types() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            _ = try await fixture.paidID(userID: user.id)
            _ = try await fixture.paidID(userID: user.id, kind: "recharge")
            for (control, shared, fields) in [
                ("order", Self.orderRow, ["order_no", "total_price", "pay_price", "price", "refund_price", "buy_number_count", "add_time"]),
                ("recharge", Self.rechargeRow, ["recharge_no", "money", "pay_money", "payment_name", "pay_time", "add_time"]),
            ] {
                let answer = try await fixture.shopxo(control, "index", ["page": 1], token: user.token)
                let shape = ShopXOForms.shape(answer.data ?? .null)
                for key in ["page", "page_start", "page_size", "page_total", "data_total"] {
                    #expect(shape[key] == Self.page(.null)[key], "\(control) \(key)")
                }
                #expect(shape["field_list"] == Self.field)
                #expect(answer.data?["field_list"]?.arrayValue?.map { $0["field"]?.stringValue ?? "" } == fields)
                let row = shape["data_list"]?.arrayValue?.first ?? .null
                for (key, type) in shared { #expect(row[key] == type, "\(control).\(key)") }
                for field in fields { #expect(row[field] != nil, "\(control) lists \(field)") }
                #expect(row["can_invoice"] == "bool")
                #expect(row["invoice_status"] == "string")
                #expect(row["invoice_number"] != nil)
            }
        }
    }

    @Test func saveAnswersLikeCaptures04And08() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            var form = ShopXOForms.personalEInvoice
            form["ids"] = .string(String(order))
            form["type"] = "0"
            let created = try await fixture.shopxo("user", "save", .object(form), token: user.token, lang: "zh")
            #expect(created.json == ["msg": "操作成功", "code": 0, "data": ""])
            let id = try ShopXOForms.id(try await fixture.shopxo("user", "index", token: user.token).data?["data_list"]?.arrayValue?.first ?? .null)
            var edit = ShopXOForms.personalEInvoice
            edit["id"] = .int(id)
            edit["invoice_title"] = "张三-edit"
            let updated = try await fixture.shopxo("user", "save", .object(edit), token: user.token, lang: "zh")
            #expect(updated.json == ["msg": "操作成功", "code": 0, "data": ""])
        }
    }
}
