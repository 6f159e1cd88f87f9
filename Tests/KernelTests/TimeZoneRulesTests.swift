import Foundation
import PluginSDK
import Testing

/// Store time zones: names are IANA's, and every wall clock, day and offset agrees with
/// Foundation's own calendar in the zone, on both sides of each change.
@Suite struct TimeZoneRulesTests {
    /// Foundation's reading of a moment in `zone`, "YYYY-MM-DD HH:MM:SS".
    static func foundation(_ seconds: Int64, _ zone: String) -> String {
        foundation(seconds, calendar(zone))
    }

    static func calendar(_ zone: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar
    }

    static func foundation(_ seconds: Int64, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    static func utc(_ text: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970)
    }

    @Test func acceptsIANANamesOnly() {
        for name in ["UTC", "Asia/Shanghai", "Asia/Tehran", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "Etc/GMT-8"] {
            #expect(TimeZoneRules.named(name)?.identifier == name, "\(name)")
        }
        for name in ["", "utc", "Europe/berlin", "Mars/Base", "CST", "GMT+8", "+08:00", "Asia/Shanghai ", "../etc/passwd", "Asia/Shanghai\0"] {
            #expect(TimeZoneRules.named(name) == nil, "\(name)")
        }
        #expect(TimeZoneRules.named("Asia/Shanghai") === TimeZoneRules.named("Asia/Shanghai"), "read once per process")
        #expect(TimeZoneRules.named("UTC")!.isUTC && !TimeZoneRules.named("Asia/Shanghai")!.isUTC)
    }

    @Test func theIssuesOrderIsNewYearInShanghaiAndNotInUTC() {
        let paid = Self.utc("2026-12-31T17:30:00Z")
        let shanghai = TimeZoneRules.named("Asia/Shanghai")!
        #expect(CivilTime.shopxo(shanghai.wallClock(paid)) == "2027-01-01 01:30:00")
        #expect(shanghai.offsetText(at: paid) == "UTC+08:00")
        #expect(CivilTime.shopxo(TimeZoneRules.utc.wallClock(paid)) == "2026-12-31 17:30:00")
        #expect(TimeZoneRules.utc.offsetText(at: paid) == "UTC")
        #expect(shanghai.day(year: 2027, month: 1, day: 1) == Self.utc("2026-12-31T16:00:00Z")..<Self.utc("2027-01-01T16:00:00Z"))
        #expect(shanghai.day(year: 2027, month: 1, day: 1)!.contains(paid))
        #expect(!TimeZoneRules.utc.day(year: 2027, month: 1, day: 1)!.contains(paid))
    }

    @Test func berlinIsRightOnBothSidesOfEachChange() {
        let berlin = TimeZoneRules.named("Europe/Berlin")!
        // 2026-03-29 01:00Z the clock goes 02:00 -> 03:00; 2026-10-25 01:00Z it goes 03:00 -> 02:00.
        let cases: [(String, String, String)] = [
            ("2026-03-29T00:59:59Z", "2026-03-29 01:59:59", "UTC+01:00"),
            ("2026-03-29T01:00:00Z", "2026-03-29 03:00:00", "UTC+02:00"),
            ("2026-10-25T00:59:59Z", "2026-10-25 02:59:59", "UTC+02:00"),
            ("2026-10-25T01:00:00Z", "2026-10-25 02:00:00", "UTC+01:00"),
            ("2026-03-28T23:00:00Z", "2026-03-29 00:00:00", "UTC+01:00"),
            ("2026-10-24T22:00:00Z", "2026-10-25 00:00:00", "UTC+02:00"),
            ("2026-10-25T22:59:59Z", "2026-10-25 23:59:59", "UTC+01:00"),
        ]
        for (moment, wall, offset) in cases {
            #expect(CivilTime.shopxo(berlin.wallClock(Self.utc(moment))) == wall, "\(moment)")
            #expect(berlin.offsetText(at: Self.utc(moment)) == offset, "\(moment)")
        }
        // The days of the changes have 23 and 25 hours; the days around them 24.
        #expect(berlin.day(year: 2026, month: 3, day: 29) == Self.utc("2026-03-28T23:00:00Z")..<Self.utc("2026-03-29T22:00:00Z"))
        #expect(berlin.day(year: 2026, month: 10, day: 25) == Self.utc("2026-10-24T22:00:00Z")..<Self.utc("2026-10-25T23:00:00Z"))
        #expect(berlin.day(year: 2026, month: 3, day: 28)!.count == 86_400)
        #expect(berlin.day(year: 2026, month: 10, day: 26)!.count == 86_400)
        // A skipped wall time is the moment of the jump; a repeated one its first occurrence.
        #expect(berlin.firstMoment(atOrAfter: CivilTime.wall(year: 2026, month: 3, day: 29, hour: 2, minute: 30)!) == Self.utc("2026-03-29T01:00:00Z"))
        #expect(berlin.firstMoment(atOrAfter: CivilTime.wall(year: 2026, month: 10, day: 25, hour: 2, minute: 30)!) == Self.utc("2026-10-25T00:30:00Z"))
    }

    @Test func tehranKeepsItsHalfHourAndItsFormerSummerTime() {
        let tehran = TimeZoneRules.named("Asia/Tehran")!
        #expect(tehran.offsetText(at: Self.utc("2026-06-01T12:00:00Z")) == "UTC+03:30", "no summer time since 2022")
        #expect(tehran.offsetText(at: Self.utc("2021-06-01T12:00:00Z")) == "UTC+04:30")
        #expect(CivilTime.shopxo(tehran.wallClock(Self.utc("2026-03-20T20:29:59Z"))) == "2026-03-20 23:59:59")
        #expect(CivilTime.shopxo(tehran.wallClock(Self.utc("2026-03-20T20:30:00Z"))) == "2026-03-21 00:00:00", "Nowruz 1405 starts")
        // 2022-03-22: the clock went from 00:00 to 01:00, so that day began at 01:00 (20:30Z the day before).
        #expect(tehran.day(year: 2022, month: 3, day: 22) == Self.utc("2022-03-21T20:30:00Z")..<Self.utc("2022-03-22T19:30:00Z"))
    }

    @Test func agreesWithFoundationEveryFewHoursAcrossYears() {
        for name in ["Europe/Berlin", "Asia/Tehran", "Asia/Shanghai", "America/New_York", "Australia/Lord_Howe", "UTC"] {
            let zone = TimeZoneRules.named(name)!
            let calendar = Self.calendar(name)
            var moment = Self.utc("2019-01-01T00:17:00Z")
            while moment < Self.utc("2028-01-01T00:00:00Z") {
                let expected = Self.foundation(moment, calendar)
                guard CivilTime.shopxo(zone.wallClock(moment)) == expected else {
                    Issue.record("\(name) at \(moment): \(CivilTime.shopxo(zone.wallClock(moment))), Foundation says \(expected)")
                    return
                }
                moment += 4 * 3_600 + 1_799
            }
        }
    }

    @Test func beyondTheTableAsksFoundation() {
        let berlin = TimeZoneRules.named("Europe/Berlin")!
        let summer = Self.utc("2300-07-01T12:00:00Z")
        #expect(CivilTime.shopxo(berlin.wallClock(summer)) == Self.foundation(summer, "Europe/Berlin"))
        let wall = CivilTime.wall(year: 2300, month: 7, day: 1, hour: 14)!
        #expect(berlin.firstMoment(atOrAfter: wall) == summer)
    }
}
