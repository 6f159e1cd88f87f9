import PluginSDK

import Crypto
import Foundation
import _CryptoExtras

/// Slow, salted password hashes: PBKDF2-HMAC-SHA256, stored as
/// `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` so the cost can rise later. Every hash
/// runs through one `HashingGate`, which bounds how many run and wait at once.
public struct PasswordHasher: Sendable {
    /// Iterations for new hashes (OWASP recommends 600,000 for PBKDF2-HMAC-SHA256).
    public let iterations: Int
    /// Where the hashes run.
    public let gate: HashingGate

    public init(iterations: Int = 600_000, gate: HashingGate = HashingGate()) {
        self.iterations = max(1, iterations)
        self.gate = gate
    }

    /// A well-formed hash no password matches, at the current cost, so checking an unknown
    /// account takes as long as checking a known one.
    public var decoyHash: String {
        "pbkdf2-sha256$\(iterations)$" + String(repeating: "0", count: 32) + "$" + String(repeating: "0", count: 64)
    }

    /// Hashes a password off the caller's thread; throws `HashingGate.busy` when the gate is full.
    public func hash(_ password: String) async throws -> String {
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max) }
        let iterations = self.iterations
        let derived = try await gate.run { try Self.derive(password, salt: salt, iterations: iterations) }
        return "pbkdf2-sha256$\(iterations)$\(SecureToken.hex(salt))$\(SecureToken.hex(derived))"
    }

    /// Checks a password against a stored hash in constant time; false for any malformed hash.
    /// Throws `HashingGate.busy` when the gate is full.
    public func verify(_ password: String, against stored: String) async throws -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
            let salt = Self.bytes(fromHex: parts[2]), let expected = Self.bytes(fromHex: parts[3])
        else { return false }
        let derived: [UInt8]
        do {
            derived = try await gate.run { try Self.derive(password, salt: salt, iterations: rounds) }
        } catch let error as KernelError {
            throw error
        } catch {
            return false
        }
        guard derived.count == expected.count else { return false }
        return zip(derived, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Data(password.utf8), salt: salt, using: .sha256, outputByteCount: 32,
            unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }

    private static func bytes(fromHex text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
