import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import TestSupport
import Testing

/// A request reaches storage once: the caller, plugin states and store settings come from
/// memory, and an action's reads before its write run inside that write. Counted by the kernel
/// per request (`KernelResponse.storageJobs`), on the hot actions, with warm caches.
@Suite struct StoragePassTests {
    /// Calls `invoice/<control>/<action>` in-process as the HTTP adapter would, twice (the first
    /// call warms the caches), and answers the second call's response.
    static func call(
        _ fixture: InvoiceFixture, _ control: String, _ action: String, _ params: JSONObject, credential: (String, String)
    ) async throws -> KernelResponse {
        var all = params
        all["pluginsname"] = "invoice"
        all["pluginscontrol"] = .string(control)
        all["pluginsaction"] = .string(action)
        var response = KernelResponse.envelope(Envelope(msg: "", code: .failure, data: ""))
        for attempt in 0..<2 {
            var sent = all
            if action == "create" { sent["request_id"] = .string("pass-\(attempt)-\(UUID().uuidString)") }
            response = await fixture.server.kernel.handle(
                KernelRequest(params: Params(sent), headers: [credential.0: credential.1], requestID: "pass-\(attempt)"))
        }
        #expect(response.code == .success, "\(control)/\(action): \(String(decoding: response.envelope?.serialized() ?? [], as: UTF8.self))")
        return response
    }

    @Test func hotReadActionsMakeOneReadAndHotWritesOneWrite() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("pass")
            let paid = try await fixture.paidID(userID: user.id)
            let bearer = ("authorization", "Bearer \(user.token)")
            let key = ("x-api-key", fixture.apiKey)
            let reads: [(String, String, JSONObject, (String, String))] = [
                ("order", "index", ["page": 1], bearer),
                ("order", "detail", ["id": .int(paid)], bearer),
                ("user", "index", ["page": 1], bearer),
                ("user", "saveinfo", ["ids": .string(String(paid)), "type": "0"], bearer),
                ("merchant", "view", ["id": .int(paid)], key),
            ]
            for (control, action, params, credential) in reads {
                let response = try await Self.call(fixture, control, action, params, credential: credential)
                #expect(response.storageJobs.reads == 1, "\(control)/\(action)")
                #expect(response.storageJobs.writes == 0, "\(control)/\(action)")
            }
            let create = try await Self.call(
                fixture, "merchant", "create",
                ["products": [["code": "P", "title": "Thing", "quantity": 1, "amount": "5.00"]], "user_id": .int(user.id)], credential: key)
            #expect(create.storageJobs.reads == 0)
            #expect(create.storageJobs.writes == 1)
        }
    }

    @Test func aStoreSettingChangedInThisProcessAppliesToTheNextRequest() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let before = try await fixture.createInvoice(userID: nil)
            #expect(before["payment"]?["subtotal"]?["currency"] == "CNY")
            let saved = try await fixture.server.call(
                "invoice", "settings", "save", ["currency": "EUR"], token: admin, path: "/admin/plugins/index")
            #expect(saved.code == 0)
            let after = try await fixture.createInvoice(userID: nil)
            #expect(after["payment"]?["subtotal"]?["currency"] == "EUR")
        }
    }
}
