/// Money for the schedule plugin: decimal strings in, minor units inside, never a `Double`.
/// The currency's exponent comes from the invoice plugin's quote.
enum Amount {
    /// Digits with at most three decimals ("12", "12.5", "1200.125"), below a trillion.
    static func isDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, (1...13).contains(whole.count),
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return false }
        guard parts.count == 2 else { return true }
        return (1...3).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `text` in minor units of a currency with `exponent` decimals; nil when malformed or more
    /// precise than the currency allows.
    static func minorUnits(_ text: String, exponent: Int) -> Int64? {
        guard isDecimal(text) else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.count > exponent, fraction.hasSuffix("0") { fraction.removeLast() }
        guard fraction.count <= exponent else { return nil }
        fraction += String(repeating: "0", count: exponent - fraction.count)
        guard let whole = Int64(parts[0]) else { return nil }
        return whole * scale(exponent) + (Int64(fraction.isEmpty ? "0" : fraction) ?? 0)
    }

    /// Minor units as a decimal string: 535745 with exponent 2 is "5357.45".
    static func format(_ minorUnits: Int64, exponent: Int) -> String {
        guard exponent > 0 else { return String(minorUnits) }
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let divisor = UInt64(scale(exponent))
        let fraction = String(magnitude % divisor)
        return sign + String(magnitude / divisor) + "." + String(repeating: "0", count: exponent - fraction.count) + fraction
    }

    static func scale(_ exponent: Int) -> Int64 {
        var scale: Int64 = 1
        for _ in 0..<exponent { scale *= 10 }
        return scale
    }

    /// `value * numerator / denominator` rounded half up.
    static func roundHalfUp(_ value: Int64, times numerator: Int64, over denominator: Int64) -> Int64 {
        let product = value * numerator
        let quotient = product / denominator
        return 2 * (product % denominator) >= denominator ? quotient + 1 : quotient
    }

    /// Splits `total` across `weights` in proportion, the remainder going to the largest
    /// fractions first, so the shares always add up to `total` exactly.
    static func split(_ total: Int64, by weights: [Int64]) -> [Int64] {
        let sum = weights.reduce(0, +)
        guard sum > 0, total > 0 else { return weights.map { _ in 0 } }
        let divided = weights.map { sum.dividingFullWidth(total.multipliedFullWidth(by: $0)) }
        var shares = divided.map(\.quotient)
        let remainders = divided.enumerated().map { ($0.offset, $0.element.remainder) }
        var left = total - shares.reduce(0, +)
        for (index, _) in remainders.sorted(by: { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }) where left > 0 {
            shares[index] += 1
            left -= 1
        }
        return shares
    }
}
