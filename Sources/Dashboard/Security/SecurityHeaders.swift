/// Headers on every dashboard answer: a Content-Security-Policy that allows no inline script or
/// style and nothing from other origins (but https images, for store logos), no framing, no
/// MIME sniffing, no referrer (hosted-page links carry their token in the path), no caching of
/// pages that show account data.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let all: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ]
}
