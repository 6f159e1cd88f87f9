import Foundation
import PluginSDK
import TestSupport
import Testing

@testable import SchedulePlugin

/// What the fuzzer of PayPing's form keys (`products[0][code]`) found (Fuzz/README.md), kept over
/// real HTTP: a deep key stopped the server, sparse positions grew a body without bound, and keys
/// were read as other keys or lost.
@Suite struct FormShapeTests {
    static let create = "/api/plugins/index?pluginsname=schedule&pluginscontrol=merchant&pluginsaction=create"

    static func post(_ fixture: ScheduleFixture, _ pairs: [String]) async throws -> HTTPResult {
        try await RawHTTP.send(
            port: fixture.server.port, target: create,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("X-Api-Key", fixture.apiKey)],
            body: Array(pairs.joined(separator: "&").utf8))
    }

    /// A form PayPing's clients send, for customer `code`.
    static func form(_ code: String) -> [String] {
        [
            "customers[0][code]=\(code)", "createStatus=0", "title=Form", "sendDate=2026-12-01T09:00:00Z",
            "schedule[interval]=1", "schedule[scheduleType]=1", "schedule[count]=2", "schedule[dueDateAfterHowManyDay]=3",
            "products[0][title]=Seat", "products[0][quantity]=1", "products[0][amount]=10.00",
        ]
    }

    @Test func aKeyNestedDeeperThan64LevelsIsRefusedNamingIt() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("D1")
            let deep = "extra" + String(repeating: "[a]", count: 100_000) + "=1"
            let answer = try await Self.post(fixture, Self.form("D1") + [deep])
            #expect(answer.code == -5000)
            #expect(answer.msg == "malformed parameter 'extra'")
            let ping = try await fixture.server.call("system", "system", "ping")
            #expect(ping.code == 0, "the server is still up")
            let limit = "extra" + String(repeating: "[a]", count: 63) + "=1"
            let atTheLimit = try await Self.post(fixture, Self.form("D1") + [limit])
            // The answer echoes the body three levels down, deeper than the test's own JSON parser reads.
            #expect(atTheLimit.text.hasPrefix(#"{"msg":"success","code":0,"#), "64 levels are fine: \(atTheLimit.text.prefix(200))")
        }
    }

    @Test func sparsePositionsCannotGrowTheBodyPast20000Values() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("S1")
            let sparse = (0..<40).map { "pad\($0)[999][999][999]=x" }
            let answer = try await Self.post(fixture, Self.form("S1") + sparse)
            #expect(answer.code == -5000)
            #expect(answer.msg == "too many parameters")
        }
    }

    @Test func onlyDecimalPositionsMakeArraysAndTopLevelNumbersStayNames() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("N1")
            let first = try await ScheduleAttachmentTests.upload(fixture, Array("first".utf8), fileName: "first.txt")
            let second = try await ScheduleAttachmentTests.upload(fixture, Array("second".utf8), fileName: "second.txt")
            let pairs = [
                "0=zero", "products[0][note][01]=a", "products[0][note][%2B1]=b", "attachments[1]=\(second)", "attachments[0]=\(first)",
            ]
            let answer = try await Self.post(fixture, Self.form("N1") + pairs)
            #expect(answer.code == 0, "\(answer.text)")
            // The stored request keeps the schedule's own fields, where the shapes show.
            let request = answer.data?["request"]
            #expect(request?["products"]?.arrayValue?.first?["note"] == ["01": "a", "+1": "b"])
            #expect(request?["attachments"] == [.string(String(first)), .string(String(second))])
            #expect(request?["0"] == nil, "not a field of a schedule")
            let shape = try FormShape.normalized(Params(["0": "zero", "list[1]": "y", "list[0]": "x"]))
            #expect(shape["0"] == "zero", "a top-level number is a name")
            #expect(shape["list"] == ["x", "y"])
        }
    }

    @Test func bracketsAreFoundWhateverCharacterFollowsThem() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("B1")
            // U+0301 joins the [ before it into one character.
            let answer = try await Self.post(fixture, Self.form("B1") + ["products[0][\u{301}x][y]=1"])
            #expect(answer.code == 0, "\(answer.text)")
            #expect(answer.data?["request"]?["products"]?.arrayValue?.first?["\u{301}x"] == ["y": "1"])
        }
    }
}
