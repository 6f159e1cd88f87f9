import Foundation
import Testing

@testable import SchedulePlugin

@Suite("Schedule: calendar maths")
struct RecurrenceTests {
    static func utc(_ text: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970)
    }

    static func recurrence(
        _ unit: Recurrence.Unit, start: String, zone: String = "UTC", calendar: Recurrence.CalendarKind = .gregorian,
        count: Int = 6, interval: Int = 1, workingDays: Bool = false, weekend: Set<Int> = [1, 7], dueAfter: Int = 0
    ) -> Recurrence {
        Recurrence(
            unit: unit, interval: interval, count: count, start: utc(start), timeZone: TimeZone(identifier: zone)!, calendarKind: calendar,
            workingDaysOnly: workingDays, weekend: weekend, dueAfterDays: dueAfter)
    }

    static func text(_ seconds: Int64?, zone: String = "UTC") -> String {
        guard let seconds else { return "nil" }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: zone)
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Test func monthlyOnThe31stTakesTheLastDayOfShorterMonthsAndComesBack() {
        let monthly = Self.recurrence(.monthly, start: "2027-01-31T10:00:00Z", count: 5)
        #expect((0..<5).map { Self.text(monthly.sendTime($0)) } == [
            "2027-01-31T10:00:00Z", "2027-02-28T10:00:00Z", "2027-03-31T10:00:00Z", "2027-04-30T10:00:00Z", "2027-05-31T10:00:00Z",
        ])
        #expect(monthly.sendTime(5) == nil, "count ends the schedule")
        let leap = Self.recurrence(.monthly, start: "2028-01-31T10:00:00Z", count: 2)
        #expect(Self.text(leap.sendTime(1)) == "2028-02-29T10:00:00Z")
    }

    @Test func dstChangeKeepsTheLocalSendTime() {
        let daily = Self.recurrence(.daily, start: "2026-03-07T14:00:00Z", zone: "America/New_York", count: 3)
        let local = (0..<3).map { Self.text(daily.sendTime($0), zone: "America/New_York") }
        #expect(local == ["2026-03-07T09:00:00-05:00", "2026-03-08T09:00:00-04:00", "2026-03-09T09:00:00-04:00"])
        let berlin = Self.recurrence(.weekly, start: "2026-10-20T05:30:00Z", zone: "Europe/Berlin", count: 2)
        #expect(Self.text(berlin.sendTime(1), zone: "Europe/Berlin") == "2026-10-27T07:30:00+01:00", "across the autumn change too")
    }

    @Test func persianCalendarMonthsFollowJalaliMonthLengths() {
        var persian = Calendar(identifier: .persian)
        persian.timeZone = TimeZone(identifier: "Asia/Tehran")!
        let start = persian.date(from: DateComponents(year: 1405, month: 6, day: 31, hour: 9))!
        let monthly = Recurrence(
            unit: .monthly, interval: 1, count: 3, start: Int64(start.timeIntervalSince1970), timeZone: persian.timeZone,
            calendarKind: .persian, workingDaysOnly: false, weekend: [], dueAfterDays: 0)
        let days = (0..<3).map { sequence -> [Int] in
            let date = Date(timeIntervalSince1970: TimeInterval(monthly.sendTime(sequence)!))
            let parts = persian.dateComponents([.year, .month, .day, .hour], from: date)
            return [parts.year!, parts.month!, parts.day!, parts.hour!]
        }
        #expect(days == [[1405, 6, 31, 9], [1405, 7, 30, 9], [1405, 8, 30, 9]], "Shahrivar has 31 days, Mehr and Aban 30")
        let yearly = Recurrence(
            unit: .yearly, interval: 1, count: 2, start: Int64(start.timeIntervalSince1970), timeZone: persian.timeZone,
            calendarKind: .persian, workingDaysOnly: false, weekend: [], dueAfterDays: 0)
        let next = persian.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(yearly.sendTime(1)!)))
        #expect([next.year, next.month, next.day] == [1406, 6, 31])
    }

    @Test func workingDayRuleMovesWeekendOccurrencesWithTheStoresWeekend() {
        let saturday = "2026-11-28T08:00:00Z"
        let standard = Self.recurrence(.weekly, start: saturday, count: 2, workingDays: true)
        #expect(Self.text(standard.sendTime(0)) == "2026-11-30T08:00:00Z", "Saturday and Sunday move to Monday")
        let iran = Self.recurrence(.daily, start: "2026-11-27T08:00:00Z", zone: "Asia/Tehran", count: 2, workingDays: true, weekend: [6])
        #expect(Self.text(iran.sendTime(0)) == "2026-11-28T08:00:00Z", "Friday moves to Saturday in Iran")
        #expect(Self.text(iran.sendTime(1)) == "2026-11-28T08:00:00Z", "the next day is already Saturday")
    }

    @Test func dueDateIsSendDatePlusDays() {
        let monthly = Self.recurrence(.monthly, start: "2026-03-01T09:00:00Z", zone: "Europe/London", count: 2, dueAfter: 30)
        let send = monthly.sendTime(0)!
        #expect(Self.text(monthly.dueTime(sendTime: send), zone: "Europe/London") == "2026-03-31T09:00:00+01:00", "same local time after DST")
    }

    @Test func amountsSplitExactly() {
        #expect(Amount.split(10_500, by: [180_000, 30_000]) == [9_000, 1_500])
        #expect(Amount.split(100, by: [1, 1, 1]) == [34, 33, 33])
        #expect(Amount.split(100, by: [1, 1, 1]).reduce(0, +) == 100)
        #expect(Amount.minorUnits("12.5", exponent: 2) == 1_250)
        #expect(Amount.minorUnits("12.345", exponent: 2) == nil)
        #expect(Amount.format(219_890, exponent: 2) == "2198.90")
    }
}
