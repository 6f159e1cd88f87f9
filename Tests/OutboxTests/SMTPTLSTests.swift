import Foundation
import Kernel
import Outbox
import PluginSDK
import Storage
import Testing
import TestSupport

/// Mail over TLS against aiosmtpd with a throwaway certificate: STARTTLS and implicit TLS with
/// AUTH, certificates verified by default, and credentials never sent in the clear.
@Suite("Outbox: SMTP over TLS", .serialized)
struct SMTPTLSTests {
    /// A self-signed certificate for `names` (DNS names and IP addresses), made by openssl.
    struct Certificate {
        let folder: String
        var cert: String { folder + "/cert.pem" }
        var key: String { folder + "/key.pem" }

        static func make(for names: String) async throws -> Certificate {
            let folder = TestServer.temporaryFolder()
            let status = try await ServerBinary.run(
                executable: URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
                    "-days", "1", "-subj", "/CN=invoice-server test", "-addext", "subjectAltName=\(names)",
                ]
            ).status
            guard status == 0 else { throw RawHTTP.Failure(description: "openssl failed (\(status))") }
            return Certificate(folder: folder)
        }
    }

    static func deliver(_ settings: SMTPChannel.Settings) async throws -> (status: String?, error: String?) {
        try await OutboxHarness.with { harness in
            let eventID = try #require(
                try await harness.enqueue(.email(storeID: 1, address: "ali@example.com", topic: "t", subject: "سلام", body: "over TLS")))
            #expect(try await harness.worker([.email: SMTPChannel(settings: settings)]).runOnce() == 1)
            let row = try await harness.row(eventID)
            return (row?.string("status"), row?.string("last_error"))
        }
    }

    /// A sender logging in as the sinks' user, with a short timeout.
    static func settings(host: String = "localhost", port: Int, tls: SMTPChannel.TLSMode, caFile: String? = nil) -> SMTPChannel.Settings {
        SMTPChannel.Settings(
            host: host, port: port, from: "billing@shop.test", username: "mailer", password: "s3cret-pass", timeoutSeconds: 5, tls: tls,
            caFile: caFile)
    }

    static func withSink<T: Sendable>(
        mode: String, certificate: Certificate, _ body: @Sendable (SinkProcess) async throws -> T
    ) async throws -> T {
        try await SinkProcess.with(
            script: "smtp_sink.py",
            arguments: ["--mode", mode, "--cert", certificate.cert, "--key", certificate.key, "--user", "mailer", "--password", "s3cret-pass"],
            body)
    }

    @Test(arguments: [SMTPChannel.TLSMode.starttls, .implicit])
    func mailGoesOutEncryptedWithAuthAndAVerifiedCertificate(mode: SMTPChannel.TLSMode) async throws {
        let certificate = try await Certificate.make(for: "DNS:localhost,IP:127.0.0.1")
        defer { try? FileManager.default.removeItem(atPath: certificate.folder) }
        try await Self.withSink(mode: mode.rawValue, certificate: certificate) { sink in
            let settings = Self.settings(port: sink.port, tls: mode, caFile: certificate.cert)
            let outcome = try await Self.deliver(settings)
            #expect(outcome.status == "delivered", "\(outcome.error ?? "")")
            let mail = try #require(try await sink.waitForRecords(1).first)
            #expect(mail["tls"] == true)
            #expect(mail["login"] == "mailer")
            #expect(mail["rcpt_tos"] == ["ali@example.com"])
        }
    }

    @Test func anUntrustedCertificateIsRefusedByDefault() async throws {
        let certificate = try await Certificate.make(for: "DNS:localhost,IP:127.0.0.1")
        defer { try? FileManager.default.removeItem(atPath: certificate.folder) }
        try await Self.withSink(mode: "starttls", certificate: certificate) { sink in
            let settings = Self.settings(port: sink.port, tls: .starttls)
            let outcome = try await Self.deliver(settings)
            #expect(outcome.status == "pending", "a failed attempt, retried later")
            #expect(outcome.error?.lowercased().contains("certificate") == true, "\(outcome.error ?? "")")
            #expect(sink.records().isEmpty)
        }
    }

    @Test func aCertificateForAnotherNameIsRefused() async throws {
        let certificate = try await Certificate.make(for: "DNS:mail.other.test")
        defer { try? FileManager.default.removeItem(atPath: certificate.folder) }
        try await Self.withSink(mode: "implicit", certificate: certificate) { sink in
            let settings = Self.settings(port: sink.port, tls: .implicit, caFile: certificate.cert)
            let outcome = try await Self.deliver(settings)
            #expect(outcome.status == "pending")
            #expect(sink.records().isEmpty)
        }
    }

    @Test func aServerWithoutSTARTTLSGetsNeitherCredentialsNorMail() async throws {
        try await SinkProcess.with(script: "smtp_sink.py") { sink in
            let settings = Self.settings(host: "127.0.0.1", port: sink.port, tls: .starttls)
            let outcome = try await Self.deliver(settings)
            #expect(outcome.status == "pending")
            #expect(outcome.error?.contains("does not offer STARTTLS") == true, "\(outcome.error ?? "")")
            #expect(sink.records().isEmpty)
        }
    }

    @Test func encryptionDefaultsFollowTheServer() {
        #expect(SMTPChannel.Settings(host: "smtp.example.com", port: 587, from: "a@b.test").tlsMode == .starttls)
        #expect(SMTPChannel.Settings(host: "smtp.example.com", port: 465, from: "a@b.test").tlsMode == .implicit)
        #expect(SMTPChannel.Settings(host: "127.0.0.1", port: 25, from: "a@b.test").tlsMode == .none)
        #expect(SMTPChannel.Settings(host: "localhost", port: 25, from: "a@b.test").tlsMode == .none)
    }

    @Test func credentialsOverPlainTextToAnotherMachineStopTheStart() throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = #"{"smtp": {"host": "smtp.example.com", "port": 25, "from": "a@b.test", "tls": "none", "username": "u", "password": "p"}}"#
        try Data(file.utf8).write(to: URL(fileURLWithPath: folder + "/outbox.json"))
        let error = #expect(throws: ConfigurationError.self) { try OutboxConfiguration.load(configDir: folder) }
        #expect(error?.description.contains("credentials would cross an unencrypted connection to smtp.example.com") == true)
    }

    @Test func outboxSettingsAreReadStrictly() throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases: [(String, String)] = [
            (#"{"smtp": {"host": "h", "from": "a@b.test", "prot": 25}}"#, #"unknown key "smtp.prot"; did you mean "port"?"#),
            (#"{"smtp": {"host": "h", "from": "a@b.test", "tls": "ssl"}}"#, #""smtp.tls" must be one of none, starttls, implicit; got "ssl""#),
            (#"{"smtp": {"host": "h"}}"#, #""smtp.from" is required"#),
            (#"{"batch_size": 0}"#, #""batch_size" must be an integer from 1 to 1000; got 0"#),
            (#"{"sms": {"url": "http://127.0.0.1:9/", "bodytemplate": "x"}}"#, #"did you mean "body_template"?"#),
        ]
        for (file, message) in cases {
            try Data(file.utf8).write(to: URL(fileURLWithPath: folder + "/outbox.json"))
            let error = #expect(throws: ConfigurationError.self) { try OutboxConfiguration.load(configDir: folder) }
            #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        }
        try Data(#"{"smtp": {"host": "127.0.0.1", "port": 2525, "from": "a@b.test"}, "poll_ms": 250}"#.utf8)
            .write(to: URL(fileURLWithPath: folder + "/outbox.json"))
        let loaded = try OutboxConfiguration.load(configDir: folder)
        #expect(loaded.smtp?.port == 2525)
        #expect(loaded.policy.pollInterval == .milliseconds(250))
    }
}

/// `config/outbox.example.json` is a file the server accepts as it is shipped.
@Suite struct OutboxExampleTests {
    @Test func theShippedExampleLoadsWithEveryChannel() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(
            atPath: root.appendingPathComponent("config/outbox.example.json").path, toPath: folder + "/outbox.json")
        let configuration = try OutboxConfiguration.load(configDir: folder)
        #expect(configuration.smtp?.tlsMode == .starttls)
        #expect(configuration.smtp?.verifyCertificates == true)
        #expect(configuration.sms?.url.hasPrefix("https://") == true)
        #expect(Set(configuration.channels.keys) == [.webhook, .sms, .email])
    }
}
