import PluginSDK

/// An amount in minor units (cents). Never a `Double`: parsed from and written as decimal strings.
struct Money: Sendable, Equatable, Comparable {
    var minorUnits: Int64

    init(_ minorUnits: Int64) {
        self.minorUnits = minorUnits
    }

    static let zero = Money(0)

    static func + (lhs: Money, rhs: Money) -> Money { Money(lhs.minorUnits + rhs.minorUnits) }
    static func - (lhs: Money, rhs: Money) -> Money { Money(lhs.minorUnits - rhs.minorUnits) }
    static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// Parses "12", "12.5", "12.50" (or a JSON number) in `currency`; nil when malformed, negative
    /// or more precise than the currency allows.
    static func parse(_ value: JSON, currency: Currency) -> Money? {
        let text: String
        switch value {
        case .string(let string): text = string.trimmingCharacters()
        case .int(let int): text = String(int)
        case .double(let double) where double.isFinite: text = String(double)
        default: return nil
        }
        return parse(text, exponent: currency.exponent)
    }

    static func parse(_ text: String, exponent: Int) -> Money? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            whole.utf8.allSatisfy({ (48...57).contains($0) }), whole.utf8.count <= 13
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.count > exponent, fraction.hasSuffix("0") { fraction.removeLast() }
        guard fraction.count <= exponent, fraction.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        if parts.count == 2 && parts[1].isEmpty { return nil }
        fraction += String(repeating: "0", count: exponent - fraction.count)
        var scale: Int64 = 1
        for _ in 0..<exponent { scale *= 10 }
        guard let major = Int64(whole), let minor = Int64(fraction.isEmpty ? "0" : fraction) else { return nil }
        return Money(major * scale + minor)
    }

    /// "5357.45" for 535745 minor units of a two-decimal currency.
    func formatted(_ currency: Currency) -> String {
        Self.format(minorUnits, exponent: currency.exponent)
    }

    static func format(_ minorUnits: Int64, exponent: Int) -> String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        guard exponent > 0 else { return (negative ? "-" : "") + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<exponent { scale *= 10 }
        let fraction = String(magnitude % scale)
        return (negative ? "-" : "") + String(magnitude / scale) + "." + String(repeating: "0", count: exponent - fraction.count) + fraction
    }

    /// `value * numerator / denominator`, rounded half up (away from zero for halves).
    static func roundHalfUp(_ value: Int64, times numerator: Int64, over denominator: Int64) -> Int64 {
        let product = value * numerator
        let quotient = product / denominator
        let remainder = product % denominator
        return 2 * remainder.magnitude >= denominator.magnitude ? quotient + (product < 0 ? -1 : 1) : quotient
    }
}

extension String {
    func trimmingCharacters() -> String {
        var slice = self[...]
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
