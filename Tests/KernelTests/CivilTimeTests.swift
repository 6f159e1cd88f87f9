import Foundation
import PluginSDK
import Testing

/// ShopXO's `YYYY-MM-DD HH:MM:SS` and ISO 8601 of wall-clock seconds, checked against Foundation.
@Suite struct CivilTimeTests {
    @Test func formatsUnixSecondsInUTC() {
        #expect(CivilTime.shopxo(0) == "1970-01-01 00:00:00")
        #expect(CivilTime.shopxo(951_782_400) == "2000-02-29 00:00:00")
        #expect(CivilTime.shopxo(1_795_738_346) == "2026-11-27 00:12:26")
        #expect(CivilTime.shopxo(-1) == "1969-12-31 23:59:59")
        #expect(CivilTime.shopxo(nil) == "")
        #expect(CivilTime.minutes(1_795_738_346) == "2026-11-27 00:12")
    }

    @Test func iso8601MatchesFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        for seconds: Int64 in [0, 951_782_400, 1_795_738_346, 4_102_444_799, 1_234_567_890] {
            #expect(CivilTime.iso8601(seconds) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
    }

    @Test func momentsOutsideFourDigitYearsAreClampedNotTrapped() {
        #expect(CivilTime.iso8601(Int64.max) == "9999-12-31T23:59:59Z")
        #expect(CivilTime.iso8601(Int64.min) == "0001-01-01T00:00:00Z")
    }

    @Test func readsDatesAndTimesBackToTheSameSeconds() throws {
        for seconds: Int64 in [0, 951_782_400, 1_795_738_346, 4_102_444_799, 253_402_300_799] {
            let parsed = try #require(CivilTime.parse(CivilTime.shopxo(seconds)))
            #expect(parsed.wall == seconds && !parsed.dateOnly)
            let iso = String(CivilTime.iso8601(seconds).dropLast())
            #expect(CivilTime.parse(iso)?.wall == seconds)
        }
        #expect(CivilTime.parse("2027-01-01")?.wall == 1_798_761_600 && CivilTime.parse("2027-01-01")?.dateOnly == true)
        #expect(CivilTime.parse("2024-02-29")?.wall == 1_709_164_800)
    }

    @Test func refusesWhatIsNotADate() {
        for text in ["2027-02-30", "2026-02-29", "2027-13-01", "2027-00-10", "2027-01-01 24:00:00", "2027-01-01 10:60:00", "2027-1-1",
            "27-01-01", "2027/01/01", "2027-01-01 10:00", "2027-01-01X10:00:00", "２０２７-01-01", "0000-01-01", ""]
        {
            #expect(CivilTime.parse(text) == nil, "\(text)")
        }
    }
}
