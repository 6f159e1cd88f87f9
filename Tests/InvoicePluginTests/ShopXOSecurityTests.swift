import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

/// Who may do what: logged-out calls, another user's rows, admins only for admin actions, and
/// concurrent saves of one order.
@Suite struct ShopXOSecurityTests {
    @Test func withoutATokenUserActionsAskForLoginWithTheLoginPath() async throws {
        try await InvoiceFixture.with { fixture in
            for action in ["index", "saveinfo", "center"] {
                let answer = try await fixture.shopxo("user", action, ["page": 1], token: "", lang: "zh")
                #expect(answer.status == 200)
                #expect(answer.code == -400)
                #expect(answer.data?.stringValue?.contains("user/logininfo") == true)
            }
            let orders = try await fixture.shopxo("order", "index", token: nil)
            #expect(orders.code == -400)
        }
    }

    @Test func anotherUsersApplicationAndOrdersAnswerExactlyLikeMissingOnes() async throws {
        try await InvoiceFixture.with { fixture in
            let alice = try await fixture.server.user("alice")
            let bob = try await fixture.server.user("bob")
            let aliceOrder = try await fixture.paidID(userID: alice.id)
            let application = try await fixture.apply(token: alice.token, ids: [aliceOrder])
            let missing: Int64 = 999_999
            let otherOrder = try await fixture.paidID(userID: alice.id)

            func same(_ control: String, _ action: String, _ body: (Int64) -> JSON) async throws {
                let theirs = try await fixture.shopxo(control, action, body(application), token: bob.token)
                let none = try await fixture.shopxo(control, action, body(missing), token: bob.token)
                #expect(theirs.code == none.code, "\(control)/\(action)")
                #expect(theirs.msg == none.msg, "\(control)/\(action)")
                #expect(theirs.data == none.data, "\(control)/\(action)")
            }
            try await same("user", "detail") { ["id": .int($0)] }
            try await same("user", "saveinfo") { ["id": .int($0)] }
            try await same("user", "delete") { ["ids": .int($0)] }
            try await same("user", "save") { id in
                var form = ShopXOForms.personalEInvoice
                form["id"] = .int(id)
                form["invoice_title"] = "stolen"
                return .object(form)
            }
            let theirDetail = try await fixture.shopxo("user", "detail", ["id": .int(application)], token: bob.token)
            #expect(theirDetail.data?["data"] == .null)

            func sameOrder(_ control: String, _ action: String, _ body: (Int64) -> JSON) async throws {
                let theirs = try await fixture.shopxo(control, action, body(otherOrder), token: bob.token)
                let none = try await fixture.shopxo(control, action, body(missing), token: bob.token)
                #expect(theirs.code == -1, "\(control)/\(action)")
                #expect(theirs.code == none.code && theirs.msg == none.msg && theirs.data == none.data, "\(control)/\(action)")
            }
            try await sameOrder("user", "saveinfo") { ["ids": .int($0), "type": "0"] }
            try await sameOrder("user", "save") { id in
                var form = ShopXOForms.personalEInvoice
                form["ids"] = .int(id)
                form["type"] = "0"
                return .object(form)
            }
            try await sameOrder("order", "detail") { ["id": .int($0)] }

            let bobsList = try await fixture.shopxo("user", "index", token: bob.token)
            #expect(bobsList.data?["data_total"] == 0)
            let bobsOrders = try await fixture.shopxo("order", "index", token: bob.token)
            #expect(bobsOrders.data?["data_total"] == 0)
            let row = try await fixture.shopxo("user", "detail", ["id": .int(application)], token: alice.token).data?["data"] ?? .null
            #expect(row["invoice_title"] == "Zhang San")
            #expect(try await fixture.applicationCount() == 1)
        }
    }

    @Test func tenConcurrentSavesOfOneOrderMakeExactlyOneApplication() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            var form = ShopXOForms.personalEInvoice
            form["ids"] = .int(order)
            form["type"] = "0"
            let body = JSON.object(form)
            let codes = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await fixture.shopxo("user", "save", body, token: user.token).code }
                }
                return try await group.reduce(into: [Int64?]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 == 0 }.count == 1)
            #expect(codes.allSatisfy { $0 == 0 || $0 == -1 || $0 == -101 })
            #expect(try await fixture.applicationCount() == 1)
            let live = try await fixture.server.kernel.access.storage.read { db in
                try db.queryOne("SELECT COUNT(*) AS n FROM invoice_application_items WHERE live = 1")?.int64("n")
            }
            #expect(live == 1)
        }
    }

    @Test func usersCannotCallAdminActionsAndAdminsNeedThePermission() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let limited = try await fixture.server.admin("clerk", permissions: ["invoice.invoice.index"])
            for (control, action) in [("admin", "save"), ("admin", "index"), ("invoice", "audit"), ("invoice", "delete")] {
                let answer = try await fixture.admin(control, action, ["id": 1], token: user.token)
                #expect(answer.code == -1000, "\(control)/\(action)")
            }
            let allowed = try await fixture.admin("invoice", "index", token: limited)
            #expect(allowed.code == 0)
            let denied = try await fixture.admin("admin", "save", ["is_invoice_order": "0"], token: limited)
            #expect(denied.code == -1000)
            let anonymous = try await fixture.server.call("invoice", "admin", "index", path: "/admin/plugins/index")
            #expect(anonymous.code == -400)
        }
    }
}
