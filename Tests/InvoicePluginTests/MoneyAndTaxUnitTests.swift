@testable import InvoicePlugin
import Foundation
import Kernel
import PluginSDK
import Testing

@Suite struct MoneyAndTaxUnitTests {
    @Test func moneyParsesDecimalStringsInTheCurrencysPrecision() {
        let usd = Currency("usd")!
        #expect(Money.parse("5357.45", currency: usd) == Money(535_745))
        #expect(Money.parse("12", currency: usd) == Money(1_200))
        #expect(Money.parse("12.5", currency: usd) == Money(1_250))
        #expect(Money.parse("12.500", currency: usd) == Money(1_250))
        #expect(Money.parse(.int(7), currency: usd) == Money(700))
        #expect(Money.parse("12.345", currency: usd) == nil)
        #expect(Money.parse("-1", currency: usd) == nil)
        #expect(Money.parse("1e3", currency: usd) == nil)
        #expect(Money.parse("12.", currency: usd) == nil)
        #expect(Money.parse("100", currency: Currency("JPY")!) == Money(100))
        #expect(Money.parse("1.5", currency: Currency("JPY")!) == nil)
        #expect(Money(535_745).formatted(usd) == "5357.45")
        #expect(Money(5).formatted(usd) == "0.05")
        #expect(Money(-5).formatted(usd) == "-0.05")
        #expect(Money(1_234).formatted(Currency("KWD")!) == "1.234")
    }

    @Test func roundingIsHalfUp() {
        #expect(Money.roundHalfUp(5, times: 1, over: 10) == 1)
        #expect(Money.roundHalfUp(4, times: 1, over: 10) == 0)
        #expect(Money.roundHalfUp(15, times: 1, over: 10) == 2)
        #expect(Money.roundHalfUp(25, times: 1, over: 10) == 3)
    }

    @Test func numberPatternsRenderDatesAndPaddedSequences() {
        let date = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(NumberPattern.standard.render(sequence: 42, date: date, in: .utc) == "INV-2026-000042")
        #expect(NumberPattern(pattern: "{YY}{MM}-{SEQ:3}").render(sequence: 1234, date: date, in: .utc) == "2605-1234")
        #expect(
            NumberPattern(pattern: "{{YYYY}}-{DD}/{FOO}/{SEQ:4}/{SEQ}/{MM").render(sequence: 42, date: date, in: .utc) == "{2026}-28/{FOO}/0042/{SEQ}/{MM",
            "one pass: the first {SEQ} takes the sequence, unknown names and unclosed braces stay as written")
        #expect(!NumberPattern(pattern: "INV-{YYYY}").isValid)
        #expect(NumberPattern.standard.period(for: date, in: .utc, yearlyReset: true) == "2026")
        #expect(NumberPattern.standard.period(for: date, in: .utc, yearlyReset: false) == "all")
    }

    @Test func numberPatternsDateTheNumberInTheStoresZone() throws {
        let newYearsEve = Date(timeIntervalSince1970: 1_798_738_200)  // 2026-12-31T17:30:00Z
        let shanghai = try #require(TimeZoneRules.named("Asia/Shanghai"))
        let pattern = NumberPattern(pattern: "{YYYY}{MM}{DD}-{SEQ:2}")
        #expect(pattern.render(sequence: 1, date: newYearsEve, in: shanghai) == "20270101-01")
        #expect(pattern.render(sequence: 1, date: newYearsEve, in: .utc) == "20261231-01")
        #expect(pattern.period(for: newYearsEve, in: shanghai, yearlyReset: true) == "2027")
        #expect(pattern.period(for: newYearsEve, in: .utc, yearlyReset: true) == "2026")
    }
}
