import Crypto
import Foundation
import PluginSDK

/// The unguessable link to an invoice's hosted page: `<invoice id>-<32 hex digits>`, the digits
/// being the first half of HMAC-SHA256 over the invoice id with the plugin's link secret. The
/// secret lives in the database (`invoice_link_secret`, made by the migration with SQLite's
/// `randomblob`), so every server process on the same file agrees; `hosted/rotate` replaces it,
/// and every link given out before stops working.
enum HostedLink {
    /// The link token of an invoice.
    static func token(invoiceID: Int64, secret: [UInt8]) -> String {
        "\(invoiceID)-" + signature(invoiceID, secret).map { String(format: "%02x", $0) }.joined()
    }

    /// The invoice id a token names, when its signature is right.
    static func invoiceID(from token: String, secret: [UInt8]) -> Int64? {
        let parts = token.split(separator: "-")
        guard parts.count == 2, let id = Int64(parts[0]), id > 0, parts[1].utf8.count == 32 else { return nil }
        let expected = signature(id, secret)
        var given: [UInt8] = []
        var digits = parts[1].makeIterator()
        while let high = digits.next(), let low = digits.next() {
            guard let byte = UInt8(String([high, low]), radix: 16) else { return nil }
            given.append(byte)
        }
        // Constant-time comparison: the time taken does not tell how many bytes matched.
        guard given.count == expected.count else { return nil }
        return zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 ? id : nil
    }

    /// The current secret.
    static func secret(_ db: Database) throws -> [UInt8] {
        guard case .blob(let bytes) = try db.scalar("SELECT secret FROM invoice_link_secret WHERE id = 1") else {
            throw KernelError.notFound
        }
        return bytes
    }

    /// Replaces the secret with 32 new random bytes.
    static func rotate(_ db: Database, now: Int64) throws {
        try db.execute("UPDATE invoice_link_secret SET secret = randomblob(32), created_at = ? WHERE id = 1", now)
    }

    private static func signature(_ invoiceID: Int64, _ secret: [UInt8]) -> [UInt8] {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("invoice-link:\(invoiceID)".utf8), using: SymmetricKey(data: secret))
        return Array(Array(mac).prefix(16))
    }
}
