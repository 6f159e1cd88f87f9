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

    /// The number for sequence value `sequence` created at `date`, in one pass over the pattern
    /// (it runs for every invoice): the first `{SEQ...}` takes the sequence, the date
    /// placeholders their values (dated in `zone`), anything else in braces stays as written.
    func render(sequence: Int64, date: Date, in zone: TimeZoneRules) -> String {
        let (year, month, day, _, _, _) = CivilTime.fields(zone.wallClock(Int64(date.timeIntervalSince1970)))
        var text = ""
        var sequenceDone = false
        var rest = Substring(pattern)
        while let close = rest.utf8.firstIndex(of: UInt8(ascii: "}")) {
            guard let open = rest[..<close].utf8.lastIndex(of: UInt8(ascii: "{")) else {
                text += rest[...close]
                rest = rest[rest.utf8.index(after: close)...]
                continue
            }
            text += rest[..<open]
            let name = rest[rest.utf8.index(after: open)..<close]
            switch name {
            case "YYYY": text += Self.padded(year, 4)
            case "YY": text += Self.padded(year % 100, 2)
            case "MM": text += Self.padded(month, 2)
            case "DD": text += Self.padded(day, 2)
            case _ where name.hasPrefix("SEQ") && !sequenceDone:
                sequenceDone = true
                text += Self.padded(sequence, min(Int(name.dropFirst(3).drop { $0 == ":" }) ?? 1, 18))
            default: text += rest[open...close]
            }
            rest = rest[rest.utf8.index(after: close)...]
        }
        return text + rest
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
