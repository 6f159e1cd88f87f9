import Foundation
import PluginSDK
import TestSupport
import Testing

/// What the fuzzer of the `t=..,v1=..` header found (Fuzz/README.md), kept over real HTTP against
/// the real executable: one unauthenticated `Stripe-Signature` stopped the whole server, and
/// headers a strict reading refuses were accepted.
@Suite(.serialized) struct SignatureHeaderTests {
    static let stripeSecret = "whsec_fuzz"
    static let paypalSecret = "paypal_fuzz"

    /// The real server with both gateway secrets set; `body` gets it and a way to post an event.
    static func withServer(_ body: @Sendable (ServerProcess, _ post: @Sendable (String, [UInt8], String) async throws -> HTTPResult) async throws -> Void) async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let common = ["--data-dir", folder, "--config", try ServerBinary.fastConfig(in: folder)]
        let admin = try await ServerBinary.run(["admin", "create", "--name", "root", "--password", "pw-root-123"] + common)
        let token = try #require(try JSON.parse(Array(admin.output.utf8))["token"]?.stringValue)
        let server = try await ServerProcess(arguments: common)
        let settings: JSON = ["stripe_webhook_secret": .string(stripeSecret), "paypal_webhook_secret": .string(paypalSecret)]
        let saved = try await RawHTTP.send(
            port: server.port, target: "/admin/plugins/index?pluginsname=invoice&pluginscontrol=settings&pluginsaction=save&token=\(token)",
            headers: [("Content-Type", "application/json")], body: settings.serialized())
        #expect(saved.code == 0)
        try await body(server) { gateway, event, header in
            try await RawHTTP.send(
                port: server.port, target: "/api/plugins/index?pluginsname=invoice&pluginscontrol=gateway&pluginsaction=\(gateway)",
                headers: [("Content-Type", "application/json"), (gateway == "stripe" ? "Stripe-Signature" : "X-Signature", header)], body: event)
        }
        #expect(await server.stop() == 0)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// An event the intake accepts and ignores, so a passing signature answers success.
    static func ignoredEvent(_ id: String) -> [UInt8] {
        (["id": .string(id), "type": "customer.created", "data": ["object": ["id": "cus_1"]], "event_type": "CUSTOMER.CREATED", "resource": ["id": "x"]] as JSON)
            .serialized()
    }

    @Test func aTimeFarBeforeNowIsRefusedAndTheServerKeepsAnswering() async throws {
        try await Self.withServer { server, post in
            let zeros = String(repeating: "0", count: 64)
            for header in ["t=-9223372036854775808,v1=\(zeros)", "t=9223372036854775807,v1=\(zeros)", "t=-1,v1=\(zeros)"] {
                for gateway in ["stripe", "paypal"] {
                    let answer = try await post(gateway, Self.ignoredEvent("evt_far"), header)
                    #expect(answer.code == -1, "\(gateway) \(header): \(answer.text)")
                    #expect(answer.msg == "invalid or missing signature")
                }
            }
            #expect(server.process.isRunning)
            let health = try await RawHTTP.send(port: server.port, method: "GET", target: "/healthz")
            #expect(health.status == 200)
        }
    }

    @Test func onlyTheTimeTextAsSentIsSignedAndItIsSentOnce() async throws {
        try await Self.withServer { _, post in
            let now = Int64(Date().timeIntervalSince1970)
            let event = Self.ignoredEvent("evt_time")
            let canonical = GatewayTests.sign(event, secret: Self.stripeSecret, timestamp: now)
            let signature = String(canonical.split(separator: "=").last!)
            let refused = [
                "t=+\(now),v1=\(signature)",
                "t=\(now),t=\(now),v1=\(signature)",
                "t=\(now - 400),t=\(now),v1=\(signature)",
                "t=\(now)\u{301},v1=\(signature)",
            ]
            for header in refused {
                let answer = try await post("stripe", event, header)
                #expect(answer.msg == "invalid or missing signature", "\(header)")
            }
            let accepted = [canonical, "t=\(now), v1=\(signature.uppercased()), v0=\(String(repeating: "ab", count: 32))", "v1=\(signature),t=\(now)"]
            for header in accepted {
                let answer = try await post("stripe", event, header)
                #expect(answer.code == 0, "\(header): \(answer.text)")
                #expect(answer.msg != "invalid or missing signature")
            }
        }
    }

    @Test func aSignatureIsHexDigitsOnly() async throws {
        try await Self.withServer { _, post in
            let now = Int64(Date().timeIntervalSince1970)
            // An event whose signature has a byte under 0x10, written "+f" instead of "0f".
            let (event, bytes) = try #require(
                (0..<200).lazy.map { index -> ([UInt8], [UInt8]) in
                    let event = Self.ignoredEvent("evt_hex_\(index)")
                    let header = GatewayTests.sign(event, secret: Self.paypalSecret, timestamp: now)
                    let hex = Array(header.split(separator: "=").last!.utf8)
                    return (event, stride(from: 0, to: 64, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! })
                }.first { $0.1.contains { $0 < 0x10 } })
            let small = bytes.firstIndex { $0 < 0x10 }!
            let plus = Self.hex(Array(bytes[..<small])) + "+" + String(bytes[small], radix: 16) + Self.hex(Array(bytes[(small + 1)...]))
            let answer = try await post("paypal", event, "t=\(now),v1=\(plus)")
            #expect(answer.msg == "invalid or missing signature")
            let honest = try await post("paypal", event, "t=\(now),v1=\(Self.hex(bytes))")
            #expect(honest.code == 0, "\(honest.text)")
        }
    }
}
