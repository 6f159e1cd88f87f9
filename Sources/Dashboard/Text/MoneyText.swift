/// Adding up the decimal strings the actions answer ("159.00"), without floating point.
enum MoneyText {
    /// "159.00" as 15900 with exponent 2; nil when it is not a plain decimal.
    static func minorUnits(_ text: String) -> (value: Int64, exponent: Int)? {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]) else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isNumber), let fractionValue = fraction.isEmpty ? 0 : Int64(fraction) else { return nil }
        var scale: Int64 = 1
        for _ in 0..<fraction.count { scale *= 10 }
        let value = whole * scale + fractionValue
        return (negative ? -value : value, fraction.count)
    }

    /// 15900 with exponent 2 as "159.00".
    static func format(_ value: Int64, exponent: Int) -> String {
        guard exponent > 0 else { return String(value) }
        let sign = value < 0 ? "-" : ""
        let digits = String(abs(value)).leftPadded(to: exponent + 1)
        return sign + digits.dropLast(exponent) + "." + digits.suffix(exponent)
    }
}
