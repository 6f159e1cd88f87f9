@testable import InvoicePlugin
import Foundation
import Testing

/// ShopXO's `YYYY-MM-DD HH:MM:SS` and ISO 8601, both UTC, checked against Foundation.
@Suite struct UTCTimeUnitTests {
    @Test func formatsUnixSecondsInUTC() {
        #expect(UTCTime.shopxo(0) == "1970-01-01 00:00:00")
        #expect(UTCTime.shopxo(951_782_400) == "2000-02-29 00:00:00")
        #expect(UTCTime.shopxo(1_795_738_346) == "2026-11-27 00:12:26")
        #expect(UTCTime.shopxo(-1) == "1969-12-31 23:59:59")
        #expect(UTCTime.shopxo(nil) == "")
    }

    @Test func iso8601MatchesFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        for seconds: Int64 in [0, 951_782_400, 1_795_738_346, 4_102_444_799, 1_234_567_890] {
            #expect(UTCTime.iso8601(seconds) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
    }
}

@Suite struct UTCTimeBoundsTests {
    @Test func momentsOutsideFourDigitYearsAreClampedNotTrapped() {
        #expect(UTCTime.iso8601(Int64.max) == "9999-12-31T23:59:59Z")
        #expect(UTCTime.iso8601(Int64.min) == "0001-01-01T00:00:00Z")
    }
}
