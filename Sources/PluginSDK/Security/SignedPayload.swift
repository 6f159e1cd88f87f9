import Crypto
import Foundation

/// The `t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">` signature scheme: Stripe signs its
/// webhooks this way, and the kernel signs what it sends out (webhooks, calls to remote plugins)
/// the same way. Checked in constant time, within a tolerance around now so a captured request
/// cannot be replayed later.
public enum SignedPayload {
    /// Seconds a signature stays valid either side of now.
    public static let tolerance: Int64 = 300

    /// The header value signing `payload` with `secret` at `timestamp` (Unix seconds).
    public static func sign(payload: [UInt8], secret: String, timestamp: Int64) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).".utf8) + Data(payload), using: key)
        return "t=\(timestamp),v1=" + mac.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// True when one of the header's `v1` signatures matches `payload` under `secret` and its
    /// timestamp is within the tolerance. The header is read strictly: exactly one `t`, in decimal
    /// digits, and the HMAC is of that text as sent; a `v1` is 64 hex digits. Elements of other
    /// schemes (`v0`) are ignored; spaces around keys and values are allowed.
    public static func verify(header: String?, payload: [UInt8], secret: String, now: Int64) -> Bool {
        guard let header, !secret.isEmpty else { return false }
        var times: [String] = []
        var signatures: [[UInt8]] = []
        for element in header.utf8.split(separator: UInt8(ascii: ",")) {
            guard let equals = element.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let key = String(decoding: element[..<equals], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let value = String(decoding: element[element.index(after: equals)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if key == "t" { times.append(value) }
            if key == "v1", let bytes = hexBytes(value) { signatures.append(bytes) }
        }
        guard times.count == 1, let time = times.first, !signatures.isEmpty, time.utf8.allSatisfy({ (48...57).contains($0) }),
            let timestamp = Int64(time)
        else { return false }
        let (age, overflow) = now.subtractingReportingOverflow(timestamp)
        guard !overflow, age.magnitude <= tolerance.magnitude else { return false }
        let key = SymmetricKey(data: Data(secret.utf8))
        let signed = Data(time.utf8) + Data(".".utf8) + Data(payload)
        return signatures.contains { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: signed, using: key) }
    }

    /// 64 hex digits (either case) as 32 bytes; nil for anything else.
    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = text.utf8.map { Character(Unicode.Scalar($0)).hexDigitValue }
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = digits[index], let low = digits[index + 1] else { return nil }
            bytes.append(UInt8(high << 4 | low))
        }
        return bytes
    }
}
