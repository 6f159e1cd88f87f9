import Foundation
import PluginSDK
import Storage

/// A remote plugin as the kernel stores it in `remote_plugins`: its manifest, where it lives,
/// and the secret the kernel signs with (shown once, at registration).
struct RemoteRegistration: Sendable, Equatable {
    /// What the plugin list calls where these plugins come from.
    static let sourceName = "remote"

    let manifest: RemoteManifest
    let baseURL: String
    let secret: String

    /// Every registration; rows whose manifest no longer reads are skipped.
    static func loadAll(_ database: Database) throws -> [RemoteRegistration] {
        try database.query("SELECT name, base_url, manifest, secret FROM remote_plugins ORDER BY name").compactMap { row in
            guard let text = row.string("manifest"), let json = try? JSON.parse(Array(text.utf8)),
                let manifest = try? RemoteManifest.parse(json), let baseURL = row.string("base_url"),
                let secret = row.string("secret")
            else { return nil }
            return RemoteRegistration(manifest: manifest, baseURL: baseURL, secret: secret)
        }
    }

    func insert(_ database: Database, now: Int64) throws {
        try database.execute(
            "INSERT INTO remote_plugins (name, base_url, manifest, secret, registered_at) VALUES (?, ?, ?, ?, ?)",
            manifest.name, baseURL, String(decoding: manifest.json.serialized(), as: UTF8.self), secret, now)
    }

    static func delete(_ database: Database, name: String) throws {
        try database.execute("DELETE FROM remote_plugins WHERE name = ?", name)
    }

    /// `http` or `https`, a host, no credentials, query or fragment; the trailing `/` dropped.
    static func checkedBaseURL(_ text: String) throws(KernelError) -> String {
        guard text.count <= 2_000, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
            url.user == nil, url.password == nil, url.query == nil, url.fragment == nil
        else { throw .badParameter("base_url", .malformed) }
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}
