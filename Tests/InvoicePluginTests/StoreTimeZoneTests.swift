import Foundation
import Kernel
import PluginSDK
import Testing
import TestSupport

/// A store's `time_zone` over real HTTP: an order paid at 2026-12-31T17:30:00Z is printed, listed,
/// filtered and numbered on 1 January 2027 in a store on Asia/Shanghai, and stays in 2026 in a
/// UTC store; the merchant API's ISO 8601 times stay UTC (`Z`) in both.
@Suite(.serialized) struct StoreTimeZoneTests {
    static func utc(_ text: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970)
    }

    struct Expected: Sendable {
        let zone: String
        let numbers: (String, String)
        let payTime: String
        let printed: String
        let day: String
        let otherDay: String
    }

    @Test(arguments: [
        Expected(
            zone: "Asia/Shanghai", numbers: ("INV-2026-000001", "INV-2027-000001"), payTime: "2027-01-01 01:30:00",
            printed: "2027-01-01 01:30 UTC+08:00", day: "2027-01-01", otherDay: "2026-12-31"),
        Expected(
            zone: "UTC", numbers: ("INV-2026-000001", "INV-2026-000002"), payTime: "2026-12-31 17:30:00",
            printed: "2026-12-31 17:30 UTC", day: "2026-12-31", otherDay: "2027-01-01"),
    ])
    func anOrderPaidOnNewYearsEveIsFiledOnTheStoresLocalDay(_ expected: Expected) async throws {
        let clock = ManualClock(Self.utc("2026-12-31T15:00:00Z"))
        try await InvoiceFixture.with(clock: clock.kernelClock) { fixture in
            let admin = try await fixture.server.admin("boss")
            let saved = try await fixture.admin("settings", "save", ["time_zone": .string(expected.zone), "yearly_reset": true], token: admin)
            #expect(saved.data?["settings"]?["time_zone"]?.stringValue == expected.zone, "\(saved.text)")
            let (user, token) = try await fixture.server.user("lin")

            // 23:00 on 31 December in Shanghai: still 2026 there.
            let earlier = try await fixture.createInvoice(userID: user)
            clock.set(Self.utc("2026-12-31T17:30:00Z"))
            let paid = try await fixture.paidInvoice(userID: user)
            #expect(earlier["number"]?.stringValue == expected.numbers.0)
            #expect(paid["number"]?.stringValue == expected.numbers.1)
            #expect(paid["payment"]?["paid_at"] == "2026-12-31T17:30:00Z", "the merchant API keeps UTC")
            let id = try #require(paid["id"]?.intValue)

            let list = try await fixture.shopxo("order", "index", ["page": 1], token: token)
            let row = try #require(list.data?["data_list"]?.arrayValue?.first)
            #expect(row["pay_time"]?.stringValue == expected.payTime)
            #expect(row["add_time"]?.stringValue == expected.payTime)

            let sameDay = try await fixture.shopxo("order", "index", ["start_time": .string(expected.day), "end_time": .string(expected.day)], token: token)
            #expect(ShopXOForms.rowIDs(sameDay) == [id], "\(sameDay.text)")
            let otherDay = try await fixture.shopxo(
                "order", "index", ["start_time": .string(expected.otherDay), "end_time": .string(expected.otherDay)], token: token)
            #expect(ShopXOForms.rowIDs(otherDay).isEmpty, "\(otherDay.text)")
            // A time without a zone is the store's wall clock too.
            let fromPayment = try await fixture.shopxo("order", "index", ["start_time": .string(expected.payTime)], token: token)
            #expect(ShopXOForms.rowIDs(fromPayment) == [id])

            let pdf = try await fixture.shopxo("order", "pdf", ["id": .int(id)], token: token)
            let text = try PDFText.layout(pdf.body)
            #expect(text.contains(expected.printed), "\(text)")

            // The dashboard shows the same local time: the customer's orders and the merchant's invoice.
            let orders = try await RawHTTP.send(
                port: fixture.server.port, method: "GET", target: "/my/orders", headers: [("Cookie", "isd_session=u:\(token)")])
            #expect(orders.text.contains(expected.printed), "\(orders.text)")
            let invoice = try await RawHTTP.send(
                port: fixture.server.port, method: "GET", target: "/manage/invoices/\(id)", headers: [("Cookie", "isd_session=a:\(admin)")])
            #expect(invoice.text.contains(expected.printed), "\(invoice.text)")

            let zone = try await fixture.server.call("invoice", "settings", "timezone", token: token)
            #expect(zone.data?["time_zone"]?.stringValue == expected.zone)
            #expect(zone.data?["offset"]?.stringValue == (expected.zone == "UTC" ? "UTC" : "UTC+08:00"))
        }
    }

    @Test func aPersianPDFPrintsTheJalaliDateOfTehran() async throws {
        // 2026-12-31T21:00:00Z is 00:30 on 1 January 2027 in Tehran: 11 Dey 1405 (10 Dey in UTC).
        let clock = ManualClock(Self.utc("2026-12-31T21:00:00Z"))
        try await InvoiceFixture.with(clock: clock.kernelClock) { fixture in
            let admin = try await fixture.server.admin("boss")
            _ = try await fixture.admin("settings", "save", ["time_zone": "Asia/Tehran"], token: admin)
            let (user, token) = try await fixture.server.user("sara")
            let id = try #require(try await fixture.paidInvoice(userID: user)["id"]?.intValue)
            let persian = try await fixture.shopxo("order", "pdf", ["id": .int(id)], token: token, lang: "fa")
            let text = try PDFText(persian.body).text.filter { !$0.isWhitespace }
            #expect(text.contains("۱۴۰۵/۱۰/۱۱"), "\(text)")
            #expect(text.contains("۰۰:۳۰"))
            #expect(text.contains("UTC+۰۳:۳۰"))
            #expect(!text.contains("۱۴۰۵/۱۰/۱۰"))
            let gregorian = try await fixture.shopxo("order", "pdf", ["id": .int(id)], token: token, lang: "en")
            #expect(try PDFText.layout(gregorian.body).contains("2027-01-01 00:30 UTC+03:30"))
        }
    }

    @Test func aBerlinDayFilterFollowsTheClockChange() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("boss")
            _ = try await fixture.admin("settings", "save", ["time_zone": "Europe/Berlin"], token: admin)
            let (user, token) = try await fixture.server.user("jonas")
            // 29 March 2026 has 23 hours in Berlin: 2026-03-28T23:00Z to 2026-03-29T22:00Z.
            var ids: [String: Int64] = [:]
            for moment in ["2026-03-28T22:59:59Z", "2026-03-28T23:00:00Z", "2026-03-29T21:59:59Z", "2026-03-29T22:00:00Z"] {
                let invoice = try await fixture.createInvoice(userID: user)
                let paid = try await fixture.merchant(
                    "pay", ["id": invoice["id"] ?? .null, "gateway": "stripe", "transaction_id": .string("t-\(moment)"), "amount": "100.00",
                        "paid_at": .string(moment)])
                ids[moment] = try #require(paid.data?["id"]?.intValue)
            }
            let day = try await fixture.shopxo("order", "index", ["start_time": "2026-03-29", "end_time": "2026-03-29"], token: token)
            #expect(Set(ShopXOForms.rowIDs(day)) == [ids["2026-03-28T23:00:00Z"]!, ids["2026-03-29T21:59:59Z"]!], "\(day.text)")
            let times = (day.data?["data_list"]?.arrayValue ?? []).compactMap { $0["pay_time"]?.stringValue }
            #expect(Set(times) == ["2026-03-29 00:00:00", "2026-03-29 23:59:59"])
            let before = try await fixture.shopxo("order", "index", ["end_time": "2026-03-28"], token: token)
            #expect(ShopXOForms.rowIDs(before) == [ids["2026-03-28T22:59:59Z"]!])
            let after = try await fixture.shopxo("order", "index", ["start_time": "2026-03-30"], token: token)
            #expect(ShopXOForms.rowIDs(after) == [ids["2026-03-29T22:00:00Z"]!])
        }
    }

    @Test func aBadTimeZoneIsRefusedAndNothingIsSaved() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("boss")
            for bad: JSON in ["Mars/Base", "asia/shanghai", "CST", "GMT+8", "", 8] {
                let answer = try await fixture.admin("settings", "save", ["time_zone": bad, "store_name": "Changed"], token: admin)
                #expect(answer.code == -5000, "\(bad): \(answer.text)")
                #expect(answer.msg?.contains("time_zone") == true)
            }
            let view = try await fixture.admin("settings", "view", token: admin)
            #expect(view.data?["settings"]?["time_zone"] == "UTC")
            #expect(view.data?["settings"]?["store_name"] == "")
        }
    }

    @Test func theServersTimeZoneIsTheDefaultOfEveryStore() async throws {
        try await InvoiceFixture.with(configure: { $0.timeZone = "Asia/Tehran" }) { fixture in
            let admin = try await fixture.server.admin("boss")
            let view = try await fixture.admin("settings", "view", token: admin)
            #expect(view.data?["settings"]?["time_zone"] == "Asia/Tehran")
            let saved = try await fixture.admin("settings", "save", ["time_zone": "Asia/Shanghai"], token: admin)
            #expect(saved.data?["settings"]?["time_zone"] == "Asia/Shanghai")
            let zone = try await fixture.server.call("invoice", "settings", "timezone", query: "store_id=1")
            #expect(zone.data?["time_zone"] == "Asia/Shanghai")
            let byGET = try await RawHTTP.send(
                port: fixture.server.port, method: "GET",
                target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=settings&pluginsaction=timezone&store_id=1")
            #expect(byGET.data?["time_zone"] == "Asia/Shanghai")
        }
        await #expect(throws: (any Error).self) {
            try await InvoiceFixture.with(configure: { $0.timeZone = "Moon/Crater" }) { _ in }
        }
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/server.json"
        try Data(#"{"time_zone": "Asia/Shangai"}"#.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ServerConfiguration.load(path: path)
            Issue.record("a misspelt zone was accepted")
        } catch {
            #expect(error.description.contains("\"time_zone\" must be an IANA time zone name"))
        }
    }
}
