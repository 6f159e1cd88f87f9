import Foundation
import PluginSDK
import TestSupport
import Testing

/// What the fuzzer of the remote-plugin manifest reader found (Fuzz/README.md), kept over real
/// HTTP: its text limits counted characters, so one character of many combining marks passed a
/// limit of bytes.
@Suite struct RemoteManifestLimitsTests {
    static func manifest(title: String = "Points", version: String = "1.0.0", summary: String = "") -> JSON {
        [
            "name": "points", "version": .string(version), "title": .string(title),
            "actions": [["control": "greet", "action": "hello", "access": "public", "summary": .string(summary)]],
        ]
    }

    @Test func textLimitsAreCountedInBytes() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            let heavy = "e" + String(repeating: "\u{301}", count: 300)
            let cases: [(JSON, String)] = [
                (Self.manifest(title: heavy), "parameter 'manifest.title' is longer than 255 bytes"),
                (Self.manifest(version: "1" + String(repeating: "\u{301}", count: 40)), "parameter 'manifest.version' is longer than 40 bytes"),
            ]
            for (manifest, message) in cases {
                let answer = try await server.pluginAdmin("register", ["manifest": manifest, "base_url": "http://127.0.0.1:9"], token: admin)
                #expect(answer.code == -5000)
                #expect(answer.msg == message)
            }
            #expect(try await server.listed("points", token: admin) == nil)
        }
    }

    @Test func aLongSummaryIsCutToWholeCharactersWithin255Bytes() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let admin = try await server.admin("root")
            let summary = String(repeating: "积分", count: 42) + "e" + String(repeating: "\u{301}", count: 300)
            let answer = try await server.pluginAdmin("register", ["manifest": Self.manifest(summary: summary), "base_url": "http://127.0.0.1:9"], token: admin)
            #expect(answer.code == 0, "\(answer.text)")
            let listed = try #require(try await server.listed("points", token: admin))
            #expect(listed["actions"]?.arrayValue?.first?["summary"] == .string(String(repeating: "积分", count: 42)))
        }
    }
}
