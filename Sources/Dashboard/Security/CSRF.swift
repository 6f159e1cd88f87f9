import Crypto

/// CSRF tokens: every form carries `_csrf`, the HMAC-SHA256 of the session cookie keyed by the
/// browser's random `isd_csrf` cookie. A page on another site can neither read these HttpOnly
/// cookies nor compute the token, so its forms are refused; SameSite=Lax already keeps the
/// session cookie off most cross-site posts.
enum CSRF {
    /// The form field every POST must carry.
    static let field = "_csrf"

    /// A new random key for the `isd_csrf` cookie (32 bytes, hex).
    static func newKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format2: UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// The token for forms of this browser and session.
    static func token(key: String, session: String?) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(("csrf|" + (session ?? "")).utf8), using: SymmetricKey(data: Array(key.utf8)))
        return Array(mac).map { String(format2: $0) }.joined()
    }

    /// Whether `given` is the right token, compared in constant time.
    static func isValid(_ given: String?, key: String?, session: String?) -> Bool {
        guard let given, let key, key.utf8.count == 64 else { return false }
        let expected = Array(token(key: key, session: session).utf8)
        let provided = Array(given.utf8)
        guard provided.count == expected.count else { return false }
        return zip(provided, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension String {
    /// Two lower-case hex digits.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
