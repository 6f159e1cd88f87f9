import PluginSDK

/// An ISO 4217 currency and how many minor units its major unit has.
struct Currency: Sendable, Equatable {
    let code: String
    /// Decimal places of the minor unit (2 for USD, 0 for JPY, 3 for KWD).
    let exponent: Int

    /// Currencies whose minor unit is not a hundredth.
    private static let exponents: [String: Int] = [
        "JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "UGX": 0, "XAF": 0, "XOF": 0, "IRR": 0, "IRT": 0,
        "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3,
    ]

    /// The currency for a three-letter code; nil when the code is not three letters.
    init?(_ code: String) {
        let upper = code.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ (65...90).contains($0) }) else { return nil }
        self.code = upper
        self.exponent = Self.exponents[upper] ?? 2
    }
}
