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
    /// timestamp is within the tolerance.
    public static func verify(header: String?, payload: [UInt8], secret: String, now: Int64) -> Bool {
        guard let header, !secret.isEmpty else { return false }
        var timestamp: Int64?
        var signatures: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            if key == "t" { timestamp = Int64(value) }
            if key == "v1", let bytes = hexBytes(value) { signatures.append(bytes) }
        }
        guard let timestamp, abs(now - timestamp) <= tolerance, !signatures.isEmpty else { return false }
        let key = SymmetricKey(data: Data(secret.utf8))
        let signed = Data("\(timestamp).".utf8) + Data(payload)
        return signatures.contains { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: signed, using: key) }
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
            index += 2
        }
        return bytes
    }
}
