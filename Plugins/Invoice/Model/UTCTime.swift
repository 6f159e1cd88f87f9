/// Unix seconds rendered in UTC without a formatter object (creating one costs more than a
/// whole request): ShopXO's `YYYY-MM-DD HH:MM:SS` and ISO 8601's `YYYY-MM-DDTHH:MM:SSZ`.
enum UTCTime {
    /// As ShopXO clients show times; "" when there is none.
    static func shopxo(_ seconds: Int64?) -> String {
        guard let seconds else { return "" }
        return render(seconds, separator: UInt8(ascii: " "), suffix: nil)
    }

    /// ISO 8601 in UTC, as the Sell.app-shaped invoice carries times.
    static func iso8601(_ seconds: Int64) -> String {
        render(seconds, separator: UInt8(ascii: "T"), suffix: UInt8(ascii: "Z"))
    }

    /// Moments outside years 0001-9999 are clamped to them (only stored data could hold one).
    private static func render(_ seconds: Int64, separator: UInt8, suffix: UInt8?) -> String {
        let seconds = min(max(seconds, -62_135_596_800), 253_402_300_799)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let clock = seconds - days * 86_400
        let (year, month, day) = civil(days: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &bytes)
        bytes.append(separator)
        append(clock / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(clock / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(clock % 60, width: 2, to: &bytes)
        if let suffix { bytes.append(suffix) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decimal digits of a value of at most `width` digits, zero-padded to `width`.
    private static func append(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// The UTC calendar date of a moment: (year, month, day).
    static func date(_ seconds: Int64) -> (year: Int64, month: Int64, day: Int64) {
        civil(days: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
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
}
