import Foundation
import PluginSDK

/// A human invoice number pattern such as `INV-{YYYY}-{SEQ:6}`: `{YYYY}`, `{YY}`, `{MM}`, `{DD}`
/// are the creation date in the store's time zone, `{SEQ:n}` the per-store sequence padded to n
/// digits.
struct NumberPattern: Sendable, Equatable {
    let pattern: String

    static let standard = NumberPattern(pattern: "INV-{YYYY}-{SEQ:6}")

    /// Whether the pattern has exactly one sequence placeholder (required, or numbers would repeat).
    var isValid: Bool {
        pattern.components(separatedBy: "{SEQ").count == 2 && pattern.count <= 64
    }

    /// The sequence's counter key: a new counter each year (of `zone`'s calendar) when
    /// `yearlyReset` is on.
    func period(for date: Date, in zone: TimeZoneRules, yearlyReset: Bool) -> String {
        yearlyReset ? String(CivilTime.fields(zone.wallClock(Int64(date.timeIntervalSince1970))).year) : "all"
    }

    /// The number for sequence value `sequence` created at `date`, dated in `zone`.
    func render(sequence: Int64, date: Date, in zone: TimeZoneRules) -> String {
        let (year, month, day, _, _, _) = CivilTime.fields(zone.wallClock(Int64(date.timeIntervalSince1970)))
        var text = pattern
        if text.contains("{") {
            text = text.replacingOccurrences(of: "{YYYY}", with: Self.padded(year, 4))
            text = text.replacingOccurrences(of: "{YY}", with: Self.padded(year % 100, 2))
            text = text.replacingOccurrences(of: "{MM}", with: Self.padded(month, 2))
            text = text.replacingOccurrences(of: "{DD}", with: Self.padded(day, 2))
        }
        if let start = text.range(of: "{SEQ"), let end = text[start.upperBound...].firstIndex(of: "}") {
            let widthText = text[start.upperBound..<end].drop { $0 == ":" }
            let width = min(Int(widthText) ?? 1, 18)
            let digits = String(sequence)
            let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
            text.replaceSubrange(start.lowerBound...end, with: padded)
        }
        return text
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
