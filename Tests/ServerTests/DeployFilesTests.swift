import Foundation
import TestSupport
import Testing

/// The files docs/deploy.md ships are checked by the tools that read them: systemd's unit
/// verifier and nginx's configuration test (each skipped, visibly, where it is not installed;
/// `make deps` installs both on Debian 12).
@Suite struct DeployFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let deploy = root.appendingPathComponent("docs/deploy")

    static func installed(_ tool: String) -> Bool {
        ["/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + tool) }
    }

    /// Runs a tool found on PATH; its exit status and its output and errors together.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await ServerBinary.run(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments)
        return (result.status, result.output + result.errors)
    }

    /// A copy of the shipped file with `replacements` made, in `folder`.
    static func copy(_ name: String, to folder: String, _ replacements: [(String, String)]) throws {
        var text = try String(contentsOf: deploy.appendingPathComponent(name), encoding: .utf8)
        for (from, to) in replacements { text = text.replacingOccurrences(of: from, with: to) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    @Test(.enabled(if: DeployFilesTests.installed("systemd-analyze"), "systemd-analyze is not installed: the unit files were not verified"))
    func theSystemdUnitsAndTimerVerify() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let binary = [("/usr/local/bin/invoice-server", ServerBinary.url.path)]
        let names = ["invoice-server.service", "invoice-server-backup.service", "invoice-server-backup.timer"]
        for name in names { try Self.copy(name, to: folder, binary) }
        let result = try await Self.run(["systemd-analyze", "verify", "--man=no"] + names.map { folder + "/" + $0 })
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.isEmpty, "no warnings: \(result.output)")
        let unit = try String(contentsOf: Self.deploy.appendingPathComponent("invoice-server.service"), encoding: .utf8)
        for line in ["ProtectSystem=strict", "ReadWritePaths=/var/lib/invoice-server", "User=invoice-server", "KillSignal=SIGTERM", "Restart=on-failure"] {
            #expect(unit.contains(line + "\n"), "the unit sets \(line)")
        }
    }

    @Test(.enabled(if: DeployFilesTests.installed("nginx") && DeployFilesTests.installed("openssl"), "nginx is not installed: the proxy configuration was not tested"))
    func theNginxSiteParsesWithTLSAndForwardedHeaders() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try await Self.run([
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem", "-days", "1",
            "-subj", "/CN=invoices.example.com",
        ])
        #expect(made.status == 0, "\(made.output)")
        try Self.copy(
            "nginx.conf", to: folder,
            [
                ("/etc/letsencrypt/live/invoices.example.com/fullchain.pem", folder + "/cert.pem"),
                ("/etc/letsencrypt/live/invoices.example.com/privkey.pem", folder + "/key.pem"),
                ("/var/log/nginx/", folder + "/"),
            ])
        let main = "pid \(folder)/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n    include \(folder)/nginx.conf;\n}\n"
        try Data(main.utf8).write(to: URL(fileURLWithPath: folder + "/main.conf"))
        let result = try await Self.run(["nginx", "-t", "-p", folder, "-c", folder + "/main.conf", "-e", "stderr"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("test is successful"))
        let site = try String(contentsOf: Self.deploy.appendingPathComponent("nginx.conf"), encoding: .utf8)
        for header in ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"] { #expect(site.contains("proxy_set_header \(header)")) }
    }
}
