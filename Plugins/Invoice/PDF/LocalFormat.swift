import Foundation
import PluginSDK

/// The calendar dates are printed in.
enum PDFCalendar: String, Sendable, CaseIterable {
    case gregorian, persian
}

/// Numbers, money and dates as a reader of `language` writes them: Persian gets Persian digits,
/// the Persian decimal and thousands separators and, by default, Jalali dates.
struct LocalFormat: Sendable {
    let language: Language
    let calendar: PDFCalendar
    /// The store's time zone, in which dates and times are printed.
    var zone: TimeZoneRules = .utc

    /// Shared because building a Foundation calendar costs more than printing a page. In UTC:
    /// it is given wall-clock seconds of the store's zone, so it needs no zone of its own.
    private static let jalali: Calendar = {
        var calendar = Calendar(identifier: .persian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// An amount in minor units with thousands grouped and its currency code: "1,234.50 USD",
    /// "-24.00 USD". In Persian the sign is a minus sign held to the left of the digits, as
    /// Persian writes numbers ("USD −۲۴٫۰۰" on the page): a bare hyphen before Persian digits
    /// would be moved by the bidi algorithm to the far (right) end of the amount.
    func money(_ money: Money, _ currency: Currency) -> String {
        let plain = money.formatted(currency)
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? String(plain.dropFirst()) : plain
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        var grouped = ""
        for (index, digit) in parts[0].enumerated() {
            if index > 0 && (parts[0].count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let number = digits(grouped + (parts.count > 1 ? "." + parts[1] : ""))
        guard negative else { return number + " " + currency.code }
        return (language == .fa ? "\u{2066}\u{2212}" + number + "\u{2069}" : "-" + number) + " " + currency.code
    }

    /// A plain count.
    func count(_ value: Int64) -> String { digits(String(value)) }

    /// A percentage given in basis points: 1250 is "12.5%".
    func percent(basisPoints: Int64) -> String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        let text = fraction == 0 ? "\(whole)" : "\(whole)." + (fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)"))
        return digits(text) + (language == .fa ? "٪" : "%")
    }

    /// A moment to the minute in the store's zone, with its offset: "2026-11-27 10:15 UTC",
    /// "2027-01-01 01:30 UTC+08:00", or "۱۴۰۵/۰۹/۰۶ ۱۳:۴۵ UTC+۰۳:۳۰" in Jalali (the offset held
    /// left to right in Persian pages).
    func dateTime(_ seconds: Int64) -> String {
        let wall = zone.wallClock(seconds)
        let text = CivilTime.minutes(wall)  // YYYY-MM-DD HH:MM
        let offset = zone.offsetText(at: seconds)
        let zoneText = language == .fa && offset != "UTC" ? "\u{2066}" + digits(offset) + "\u{2069}" : digits(offset)
        switch calendar {
        case .gregorian:
            return digits(text) + " " + zoneText
        case .persian:
            let parts = Self.jalali.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(wall)))
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return digits("\(parts.year ?? 0)/\(two(parts.month ?? 0))/\(two(parts.day ?? 0)) " + text.suffix(5)) + " " + zoneText
        }
    }

    /// Text from the data (names, addresses, titles) as it should read inside a Persian page: one
    /// with no right-to-left letters is isolated as a left-to-right run, so "12 Harbour Road" keeps
    /// its number in front. Unchanged in other languages.
    func isolated(_ text: String) -> String {
        guard language == .fa, !text.isEmpty else { return text }
        let rightToLeft = text.unicodeScalars.contains { scalar in
            (0x0590...0x08FF).contains(scalar.value) || (0xFB1D...0xFDFF).contains(scalar.value)
                || (0xFE70...0xFEFF).contains(scalar.value)
        }
        return rightToLeft ? text : "\u{2066}" + text + "\u{2069}"
    }

    /// ASCII digits and separators in the language's own script (unchanged but for Persian).
    func digits(_ text: String) -> String {
        guard language == .fa else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": result.append(Unicode.Scalar(0x06F0 + scalar.value - 0x30)!)
            case ".": result.append("\u{066B}")
            case ",": result.append("\u{066C}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
