import Foundation
import Synchronization

/// When a schedule's occurrences fall: every `interval` days, weeks, months or years from the
/// first send date, `count` times (0: without end), reckoned in the schedule's time zone and calendar.
///
/// Each occurrence is computed from the first one (never from the previous), so monthly on the
/// 31st gives the last day of shorter months and returns to the 31st after them. The local
/// time of day is kept across DST changes. With the working-day rule, an occurrence on a
/// weekend day moves to the next working day.
struct Recurrence: Sendable, Equatable {
    /// PayPing's `scheduleType`: 0 daily, 1 weekly, 2 monthly, 3 yearly.
    enum Unit: Int64, Sendable, CaseIterable {
        case daily = 0, weekly = 1, monthly = 2, yearly = 3
    }

    /// Gregorian or Persian (Jalali) months and years.
    enum CalendarKind: String, Sendable, CaseIterable {
        case gregorian, persian
    }

    let unit: Unit
    let interval: Int
    /// How many occurrences; 0 for a schedule without end.
    let count: Int
    /// The first occurrence, UTC seconds.
    let start: Int64
    let timeZone: TimeZone
    let calendarKind: CalendarKind
    /// Move weekend occurrences to the next working day.
    let workingDaysOnly: Bool
    /// Weekend days as Calendar weekdays (1 Sunday ... 7 Saturday).
    let weekend: Set<Int>
    /// Days from the send date to the invoice's due date.
    let dueAfterDays: Int

    /// The calendar in the schedule's time zone, shared by every schedule of that calendar and
    /// zone (`calendar(_:timeZone:)`).
    let calendar: Calendar

    init(
        unit: Unit, interval: Int, count: Int, start: Int64, timeZone: TimeZone, calendarKind: CalendarKind, workingDaysOnly: Bool,
        weekend: Set<Int>, dueAfterDays: Int
    ) {
        self.init(
            unit: unit, interval: interval, count: count, start: start, calendar: Self.calendar(calendarKind, timeZone: timeZone),
            calendarKind: calendarKind, workingDaysOnly: workingDaysOnly, weekend: weekend, dueAfterDays: dueAfterDays)
    }

    /// A recurrence reckoned in `calendar` (of kind `calendarKind`, in the schedule's time zone).
    init(
        unit: Unit, interval: Int, count: Int, start: Int64, calendar: Calendar, calendarKind: CalendarKind, workingDaysOnly: Bool,
        weekend: Set<Int>, dueAfterDays: Int
    ) {
        self.unit = unit
        self.interval = interval
        self.count = count
        self.start = start
        self.timeZone = calendar.timeZone
        self.calendarKind = calendarKind
        self.workingDaysOnly = workingDaysOnly
        self.weekend = weekend
        self.dueAfterDays = dueAfterDays
        self.calendar = calendar
    }

    /// Occurrences without end (`count` 0): until cancelled.
    var isEndless: Bool { count == 0 }

    // MARK: - Calendars

    /// Calendars by kind and time zone name. Building a calendar and its time zone costs far more
    /// than the date arithmetic done with it, and a scheduler tick reads thousands of schedules
    /// in a handful of zones.
    private static let calendars = Mutex<[String: Calendar]>([:])

    /// The calendar of `kind` in `timeZone`, built once per process.
    static func calendar(_ kind: CalendarKind, timeZone: TimeZone) -> Calendar {
        cached(kind, zone: timeZone.identifier) { timeZone }
    }

    /// The calendar of `kind` in the time zone named `zone` (UTC when the name is unknown), built
    /// once per process - the time zone with it.
    static func calendar(_ kind: CalendarKind, zone: String) -> Calendar {
        cached(kind, zone: zone) { TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")! }
    }

    private static func cached(_ kind: CalendarKind, zone: String, _ timeZone: () -> TimeZone) -> Calendar {
        let key = kind.rawValue + " " + zone
        if let known = calendars.withLock({ $0[key] }) { return known }
        var calendar = Calendar(identifier: kind == .persian ? .persian : .gregorian)
        calendar.timeZone = timeZone()
        calendars.withLock { $0[key] = calendar }
        return calendar
    }

    /// The send time of occurrence `sequence` (0 is the first), UTC seconds; nil past `count`.
    func sendTime(_ sequence: Int) -> Int64? {
        guard sequence >= 0, isEndless || sequence < count else { return nil }
        let calendar = self.calendar
        let first = Date(timeIntervalSince1970: TimeInterval(start))
        let anchor = calendar.dateComponents([.era, .year, .month, .day, .hour, .minute, .second], from: first)
        var day: DateComponents
        switch unit {
        case .daily: day = Self.shift(anchor, days: sequence * interval, calendar: calendar)
        case .weekly: day = Self.shift(anchor, days: 7 * sequence * interval, calendar: calendar)
        case .monthly: day = Self.shift(anchor, months: sequence * interval, calendar: calendar)
        case .yearly: day = Self.shift(anchor, months: 12 * sequence * interval, calendar: calendar)
        }
        if workingDaysOnly {
            for _ in 0..<7 {
                guard let date = Self.localDate(day, calendar: calendar), weekend.contains(calendar.component(.weekday, from: date))
                else { break }
                day = Self.shift(day, days: 1, calendar: calendar)
            }
        }
        guard let date = Self.localDate(day, calendar: calendar) else { return nil }
        return Int64(date.timeIntervalSince1970)
    }

    /// The due date of an invoice sent at `sendTime`: `dueAfterDays` later, same local time.
    func dueTime(sendTime: Int64) -> Int64 {
        shift(sendTime, days: dueAfterDays)
    }

    /// `seconds` moved by whole days (negative: earlier) at the same local time.
    func shift(_ seconds: Int64, days: Int) -> Int64 {
        let calendar = self.calendar
        let parts = calendar.dateComponents(
            [.era, .year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let moved = Self.shift(parts, days: days, calendar: calendar)
        return Self.localDate(moved, calendar: calendar).map { Int64($0.timeIntervalSince1970) } ?? seconds + Int64(days) * 86_400
    }

    /// `components` moved by whole days, keeping the time of day.
    private static func shift(_ components: DateComponents, days: Int, calendar: Calendar) -> DateComponents {
        var noon = components
        noon.hour = 12
        noon.minute = 0
        noon.second = 0
        guard let date = calendar.date(from: noon), let moved = calendar.date(byAdding: .day, value: days, to: date) else { return components }
        var result = calendar.dateComponents([.era, .year, .month, .day], from: moved)
        result.hour = components.hour
        result.minute = components.minute
        result.second = components.second
        return result
    }

    /// `components` moved by whole months; the day is clamped to the target month's length.
    private static func shift(_ components: DateComponents, months: Int, calendar: Calendar) -> DateComponents {
        var firstOfMonth = components
        firstOfMonth.day = 1
        firstOfMonth.hour = 12
        firstOfMonth.minute = 0
        firstOfMonth.second = 0
        guard let date = calendar.date(from: firstOfMonth), let moved = calendar.date(byAdding: .month, value: months, to: date),
            let days = calendar.range(of: .day, in: .month, for: moved)
        else { return components }
        var result = calendar.dateComponents([.era, .year, .month], from: moved)
        result.day = min(components.day ?? 1, days.upperBound - 1)
        result.hour = components.hour
        result.minute = components.minute
        result.second = components.second
        return result
    }

    private static func localDate(_ components: DateComponents, calendar: Calendar) -> Date? {
        calendar.date(from: components)
    }
}
