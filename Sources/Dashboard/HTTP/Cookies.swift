/// Reading the `Cookie` header and writing `Set-Cookie` lines with the dashboard's attributes.
enum Cookies {
    /// The session: the kind of account and its login token (`u:<token>` or `a:<token>`).
    static let session = "isd_session"
    /// A random value per browser that keys the CSRF tokens of its forms.
    static let csrf = "isd_csrf"
    /// The language chosen with the switch.
    static let language = "isd_lang"
    /// A one-time message shown on the next page (after a redirect).
    static let flash = "isd_flash"

    /// `name=value` pairs of a `Cookie` header.
    static func parse(_ header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for pair in header.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = pair[..<equals].trimmingSpaces()
            let value = pair[pair.index(after: equals)...].trimmingSpaces()
            if cookies[name] == nil { cookies[name] = value }
        }
        return cookies
    }

    /// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure over TLS; `maxAge` 0 deletes it,
    /// nil makes it last until the browser closes.
    static func set(_ name: String, _ value: String, maxAge: Int64?, secure: Bool) -> (String, String) {
        var line = "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax"
        if let maxAge { line += "; Max-Age=\(maxAge)" }
        if secure { line += "; Secure" }
        return ("Set-Cookie", line)
    }

    /// Percent-encodes a cookie value (flash messages hold any text).
    static func encode(_ text: String) -> String { QueryText.escape(text) }

    /// Undoes `encode`; nil for a malformed value.
    static func decode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 37 {
                let high = utf8.index(after: index)
                guard high < utf8.endIndex, utf8.index(after: high) < utf8.endIndex,
                    let value = UInt8(String(decoding: utf8[high...utf8.index(after: high)], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
                index = utf8.index(high, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var slice = self[...]
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
