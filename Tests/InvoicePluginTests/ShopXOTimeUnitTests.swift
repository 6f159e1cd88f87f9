@testable import InvoicePlugin
import Testing

/// The one date format ShopXO clients show: `YYYY-MM-DD HH:MM:SS`, UTC.
@Suite struct ShopXOTimeUnitTests {
    @Test func formatsUnixSecondsInUTC() {
        #expect(ShopXOTime.format(0) == "1970-01-01 00:00:00")
        #expect(ShopXOTime.format(951_782_400) == "2000-02-29 00:00:00")
        #expect(ShopXOTime.format(1_795_738_346) == "2026-11-27 00:12:26")
        #expect(ShopXOTime.format(-1) == "1969-12-31 23:59:59")
        #expect(ShopXOTime.format(nil) == "")
    }
}
