/// The stylesheet and the script, compiled into the binary (no files to find at run time, no
/// build step, nothing from another origin), served with a long cache lifetime under a path
/// that changes with their content.
enum Assets {
    static let stylesheetPath = "/assets/dashboard-\(Stylesheet.version).css"
    static let scriptPath = "/assets/dashboard-\(Script.version).js"

    /// The asset at `path`, if it is one.
    static func response(for path: String) -> DashboardResponse? {
        let (type, text): (String, String)
        switch path {
        case stylesheetPath: (type, text) = ("text/css; charset=utf-8", Stylesheet.text)
        case scriptPath: (type, text) = ("text/javascript; charset=utf-8", Script.text)
        default: return nil
        }
        return DashboardResponse(
            contentType: type, body: Array(text.utf8),
            headers: [("Cache-Control", "public, max-age=31536000, immutable"), ("X-Content-Type-Options", "nosniff")])
    }

    /// A short fingerprint of a text (FNV-1a, 32 bits, hex) for cache-busting paths.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return String(hash, radix: 16)
    }
}
