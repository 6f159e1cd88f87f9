/// Wall-clock seconds (a moment's UTC seconds plus its zone's offset, see `TimeZoneRules`) as
/// calendar dates and text, without a formatter or `Calendar` object: creating one costs more
/// than a whole request. ShopXO's `YYYY-MM-DD HH:MM:SS` and ISO 8601's `YYYY-MM-DDTHH:MM:SSZ`.
public enum CivilTime {
    /// The first and last second of years 0001-9999; anything outside is clamped to them.
    static let range: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// ShopXO's `YYYY-MM-DD HH:MM:SS`; "" when there is none.
    public static func shopxo(_ wall: Int64?) -> String {
        guard let wall else { return "" }
        return render(wall, separator: UInt8(ascii: " "), seconds: true, suffix: nil)
    }

    /// ISO 8601 of a UTC moment: `YYYY-MM-DDTHH:MM:SSZ`.
    public static func iso8601(_ seconds: Int64) -> String {
        render(seconds, separator: UInt8(ascii: "T"), seconds: true, suffix: UInt8(ascii: "Z"))
    }

    /// `YYYY-MM-DD HH:MM`, to the minute.
    public static func minutes(_ wall: Int64) -> String {
        render(wall, separator: UInt8(ascii: " "), seconds: false, suffix: nil)
    }

    /// The calendar date and clock of wall-clock seconds.
    public static func fields(_ wall: Int64) -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) {
        let wall = min(max(wall, range.lowerBound), range.upperBound)
        let days = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
        let clock = wall - days * 86_400
        let (year, month, day) = civil(days: days)
        return (year, month, day, clock / 3600, clock / 60 % 60, clock % 60)
    }

    /// Wall-clock seconds of a calendar date and clock (the inverse of `fields`); nil for a date
    /// that does not exist (2027-02-30) or a clock outside 00:00:00-23:59:59.
    public static func wall(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0) -> Int64? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        return days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Reads `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS` (no zone) as wall-clock
    /// seconds; `dateOnly` tells which form it was. Nil for anything else.
    public static func parse(_ text: String) -> (wall: Int64, dateOnly: Bool)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count == 19 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[from..<from + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), let year = number(0, 4), let month = number(5, 2),
            let day = number(8, 2)
        else { return nil }
        guard bytes.count == 19 else { return wall(year: year, month: month, day: day).map { ($0, true) } }
        guard bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        return wall(year: year, month: month, day: day, hour: hour, minute: minute, second: second).map { ($0, false) }
    }

    private static func render(_ wall: Int64, separator: UInt8, seconds: Bool, suffix: UInt8?) -> String {
        let (year, month, day, hour, minute, second) = fields(wall)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &bytes)
        bytes.append(separator)
        append(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(minute, width: 2, to: &bytes)
        if seconds {
            bytes.append(UInt8(ascii: ":"))
            append(second, width: 2, to: &bytes)
        }
        if let suffix { bytes.append(suffix) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decimal digits of a value of at most `width` digits, zero-padded to `width`.
    static func append(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day count since 1970-01-01 of a Gregorian date (Hinnant's `days_from_civil`).
    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
