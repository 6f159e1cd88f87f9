import Foundation
import Kernel
import PluginSDK
import Testing
import TestSupport

@testable import SchedulePlugin

@Suite("Schedule: catalog codes, the whole plan, settings at either level, the stored request")
struct SchedulePlanTests {
    @Test func aProductCodeOutsideTheCatalogIsRefusedEvenWithATitleAndAmount() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("U1")
            try await fixture.ok("item", "create", ["code": "REAL", "title": "Real item", "amount": "10.00"])
            var body = ScheduleFixture.body(customers: ["U1"], sendDate: "2026-12-01T09:00:00Z").objectValue!
            body["products"] = [
                ["code": "REAL", "title": "Own title", "amount": "12.00"],
                ["code": "MADE-UP", "title": "Invented", "amount": "5.00"],
            ]
            let answer = try await fixture.call("merchant", "create", .object(body))
            #expect(answer.code == -1, "\(answer.text)")
            #expect(answer.msg == "products: unknown code(s) MADE-UP", "\(answer.text)")
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_schedules") == 0, "nothing stored")
            body["products"] = [["code": "REAL", "title": "Own title", "amount": "12.00"], ["title": "One-off", "amount": "5.00"]]
            let created = try await fixture.ok("merchant", "create", .object(body))
            #expect(created["totals"]?["total"] == "17.00", "a catalog code with its own title and amount, and a line without a code")
        }
    }

    @Test func occurrencesPageThroughTheWholeRemainingPlan() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("W1")
            let created = try await fixture.ok(
                "merchant", "create", ScheduleFixture.body(customers: ["W1"], sendDate: "2026-01-31T09:00:00Z", type: 2, count: 30))
            let code = created["code"] ?? .null
            let third = try await fixture.ok("merchant", "occurrences", ["code": code, "page": 3, "page_size": 10])
            let plan = third["next"]?.arrayValue ?? []
            #expect(plan.map { $0["sequence"]?.intValue ?? 0 } == Array(21...30))
            #expect(plan.last?["sendDate"] == "2028-06-30T09:00:00Z", "the 30th month, on its last day")
            #expect(third["next_total"] == 30)
            #expect(third["endless"] == false)
            let beyond = try await fixture.ok("merchant", "occurrences", ["code": code, "page": 4, "page_size": 10])
            #expect(beyond["next"]?.arrayValue?.isEmpty == true)

            _ = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-03-01T00:00:00Z"))
            let after = try await fixture.ok("merchant", "occurrences", ["code": code, "page_size": 100])
            #expect(after["done_total"] == 2)
            #expect(after["next_total"] == 28)
            #expect(after["next"]?.arrayValue?.count == 28)
            #expect(after["next"]?.arrayValue?.first?["sequence"] == 3)
        }
    }

    @Test func aScheduleWithoutEndShowsUpToAHundredNextOccurrencesAndKeepsRunning() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("E1")
            let created = try await fixture.ok(
                "merchant", "create", ScheduleFixture.body(customers: ["E1"], sendDate: "2026-12-01T09:00:00Z", type: 0, count: 0))
            #expect(created["schedule"]?["count"] == 0)
            let code = created["code"] ?? .null
            let standard = try await fixture.ok("merchant", "occurrences", ["code": code])
            #expect(standard["endless"] == true)
            #expect(standard["next_total"] == .null)
            #expect(standard["next"]?.arrayValue?.count == 10)
            let hundred = try await fixture.ok("merchant", "occurrences", ["code": code, "next": 100])
            #expect(hundred["next"]?.arrayValue?.count == 100)
            #expect(hundred["next"]?.arrayValue?.last?["sendDate"] == "2027-03-10T09:00:00Z")
            let tooMany = try await fixture.call("merchant", "occurrences", ["code": code, "next": 101])
            #expect(tooMany.code != 0)
            #expect(tooMany.msg?.contains("next") == true, "\(tooMany.text)")

            let report = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-05T10:00:00Z"))
            #expect(report.invoices == 5)
            let view = try await fixture.ok("merchant", "view", ["code": code])
            #expect(view["status"] == "active")
            #expect(view["nextSendDate"] == "2026-12-06T09:00:00Z")
        }
    }

    @Test func settingsAreHonouredAtEitherLevelAndNeverIgnored() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("Z1")
            let plain = try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["Z1"], sendDate: "2026-12-01T09:00:00Z"))
            #expect(plain["schedule"]?["timeZone"] == "UTC", "the default zone as the README names it")

            var body = ScheduleFixture.body(customers: ["Z1"], sendDate: "2026-12-05T09:00:00Z", type: 1, count: 2).objectValue!
            body["schedule"] = ["interval": 1, "scheduleType": 1, "count": 2]
            body["timeZone"] = "Asia/Tehran"
            body["calendar"] = "persian"
            body["workingDaysOnly"] = true
            body["catchUp"] = "skip"
            let top = try await fixture.ok("merchant", "create", .object(body))
            #expect(top["schedule"]?["timeZone"] == "Asia/Tehran")
            #expect(top["schedule"]?["calendar"] == "persian")
            #expect(top["schedule"]?["workingDaysOnly"] == true)
            #expect(top["schedule"]?["catchUp"] == "skip")
            #expect(top["nextSendDate"] == "2026-12-07T09:00:00Z", "Saturday 5 December moves to Monday (Saturday and Sunday are the weekend)")

            let refusals: [(String, JSON, String)] = [
                ("timeZone", "Mars/Olympus", "'timeZone'"),
                ("calendar", "lunar", "'calendar'"),
                ("workingDaysOnly", "often", "'workingDaysOnly'"),
            ]
            for (key, value, named) in refusals {
                var bad = ScheduleFixture.body(customers: ["Z1"], sendDate: "2026-12-01T09:00:00Z").objectValue!
                bad[key] = value
                let answer = try await fixture.call("merchant", "create", .object(bad))
                #expect(answer.code == -5000, "\(answer.text)")
                #expect(answer.msg?.contains(named) == true, "\(answer.text)")
            }
            var both = ScheduleFixture.body(customers: ["Z1"], sendDate: "2026-12-01T09:00:00Z").objectValue!
            both["timeZone"] = "Asia/Tehran"
            both["schedule"] = ["interval": 1, "scheduleType": 2, "count": 2, "timeZone": "Europe/Paris"]
            let conflict = try await fixture.call("merchant", "create", .object(both))
            #expect(conflict.msg == "timeZone and schedule.timeZone differ: give it once", "\(conflict.text)")
            var unknown = ScheduleFixture.body(customers: ["Z1"], sendDate: "2026-12-01T09:00:00Z").objectValue!
            unknown["schedule"] = ["interval": 1, "scheduleType": 2, "count": 2, "timezone": "Asia/Tehran", "every": 3]
            let typo = try await fixture.call("merchant", "create", .object(unknown))
            #expect(typo.msg == "schedule: unknown key(s) every, timezone", "\(typo.text)")
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_schedules") == 2, "no refused body was stored")
        }
    }

    @Test func theStoredRequestKeepsOnlyTheSchedulesOwnFields() async throws {
        try await ScheduleFixture.with { fixture in
            for code in ["S1", "S2"] { try await fixture.customer(code, tags: ["club"]) }
            var body = ScheduleFixture.body(customers: ["S1"], sendDate: "2026-12-01T09:00:00Z").objectValue!
            body["tag_ids"] = ["club"]
            body["timeZone"] = "Asia/Tehran"
            let answer = try await fixture.server.call(
                "schedule", "merchant", "create", .object(body), query: "application=app&application_client_type=h5&lang=en",
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(answer.code == 0, "\(answer.text)")
            let code = answer.data?["code"] ?? .null
            let request = try #require(try await fixture.ok("merchant", "view", ["code": code])["request"]?.objectValue)
            for routing in ["pluginsname", "pluginscontrol", "pluginsaction", "application", "application_client_type", "lang", "timeZone", "tag_ids"] {
                #expect(request[routing] == nil, "\(routing) is not the schedule's")
            }
            #expect(request["tagIds"] == ["club"])
            #expect(request["title"] == "Monthly plan")
            #expect(request["schedule"]?["timeZone"] == "Asia/Tehran")
            let stored = try await fixture.server.kernel.access.storage.read { db in
                try db.queryOne("SELECT request FROM schedule_schedules")?.string("request") ?? ""
            }
            #expect(!stored.contains("pluginsname"))

            let copy = try await fixture.server.call(
                "copy", "merchant", "copy", ["Code": code, "SendDate": "2027-01-15T09:00:00Z", "CustomerCodes": ["S2"]],
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(copy.code == 0, "\(copy.text)")
            #expect(copy.data?["copies"]?.arrayValue?.first?["customers"] == 1, "the copy goes to S2 alone, not to the tag")
            #expect(copy.data?["copies"]?.arrayValue?.first?["schedule"]?["timeZone"] == "Asia/Tehran")
        }
    }

    @Test func aCopiedInvoiceKeepsItsLineCodesAndCanBeCopiedAgain() async throws {
        try await ScheduleFixture.with { fixture in
            for code in ["R1", "R2"] { try await fixture.customer(code) }
            let original = try await fixture.server.call(
                "invoice", "merchant", "create", ["products": [["code": "SKU-9", "title": "Widget", "amount": "9.00"]]],
                headers: [("X-Api-Key", fixture.apiKey)])
            let copy = try await fixture.server.call(
                "copy", "merchant", "copy",
                ["Code": original.data?["number"] ?? .null, "SendDate": "2026-12-02T08:00:00Z", "CustomerCodes": ["R1"]],
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(copy.code == 0, "\(copy.text)")
            let scheduleCode = copy.data?["copies"]?.arrayValue?.first?["code"] ?? .null
            let again = try await fixture.server.call(
                "copy", "merchant", "copy", ["Code": scheduleCode, "SendDate": "2027-01-02T08:00:00Z", "CustomerCodes": ["R2"]],
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(again.code == 0, "\(again.text)")
            #expect(again.data?["copies"]?.arrayValue?.first?["request"]?["products"]?.arrayValue?.first?["code"] == "SKU-9")
        }
    }
}
