import Foundation
import PluginSDK
import TestSupport
import Testing

/// What the fuzzers of the form decoder and the multipart splitter found (Fuzz/README.md), kept
/// over real HTTP: bodies that took the decoder minutes, and names it read wrongly.
@Suite struct FormDecodingTests {
    static let echo = "/api/plugins/index?pluginsname=demo&pluginscontrol=demo&pluginsaction=echo"

    static func post(_ server: TestServer, _ body: [UInt8], contentType: String) async throws -> HTTPResult {
        try await RawHTTP.send(port: server.port, target: echo, headers: [("Content-Type", contentType)], body: body)
    }

    @Test func aFormOfManyThousandDistinctNamesIsRefusedInOnePass() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let body = Array((0..<100_000).map { "k\($0)=" }.joined(separator: "&").utf8)
            let started = ContinuousClock.now
            let answer = try await Self.post(server, body, contentType: "application/x-www-form-urlencoded")
            #expect(answer.code == -5000)
            #expect(answer.msg == "too many parameters")
            #expect(ContinuousClock.now - started < .seconds(10), "each name was looked up among all before it")
        }
    }

    @Test func aListOfManyThousandValuesIsReadInOnePass() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let body = Array(String(repeating: "ids[]=7&", count: 120_000).utf8)
            let started = ContinuousClock.now
            let answer = try await Self.post(server, body, contentType: "application/x-www-form-urlencoded")
            #expect(answer.code == -5000, "more values than a request may carry")
            #expect(ContinuousClock.now - started < .seconds(10), "each value copied the list before it")
        }
    }

    @Test func pairsAreSplitAtTheBytesAmpersandAndEqualsWhateverFollows() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            // U+0301 joins the & before it into one character; U+0600 joins the [ after it.
            let answer = try await Self.post(
                server, Array("a=1&\u{301}b=2&\u{600}[]=3&\u{600}[]=4".utf8), contentType: "application/x-www-form-urlencoded")
            #expect(answer.code == 0)
            #expect(answer.data?["a"] == "1")
            #expect(answer.data?["\u{301}b"] == "2")
            #expect(answer.data?["\u{600}"] == ["3", "4"])
            let query = try await RawHTTP.send(
                port: server.port, target: Self.echo + "&x=%CC%81&y=%2B1&ids%5B%5D=1&ids[]=2", headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
            #expect(query.data?["x"] == "\u{301}")
            #expect(query.data?["y"] == "+1")
            #expect(query.data?["ids"] == ["1", "2"])
        }
    }

    @Test func quotedPartNamesMayHoldSemicolonsAndBeginWithCombiningMarks() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
            let body = Array(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"note;2026\"\r\n\r\nfirst\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"\u{64F}title\"\r\n\r\nسلام\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data;name=\"voucher\";filename=\"receipt;2026 \u{301}.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n%PDF\r\n"
                    + "--\(boundary)--\r\n").utf8)
            let answer = try await Self.post(server, body, contentType: "multipart/form-data; boundary=\"\(boundary)\"")
            #expect(answer.code == 0, "\(answer.text)")
            #expect(answer.data?["note;2026"] == "first")
            #expect(answer.data?["\u{64F}title"] == "سلام")
            #expect(answer.data?["voucher"]?["filename"] == "receipt;2026 \u{301}.pdf")
            #expect(answer.data?["voucher"]?["content_type"] == "application/pdf")
        }
    }

    @Test func aPartNameWhoseQuoteNeverClosesIsNotRead() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let body = Array(
                ("--b\r\nContent-Disposition: form-data; name=\"open\r\n\r\nvalue\r\n"
                    + "--b\r\nContent-Disposition: form-data; name=closed\r\n\r\nkept\r\n--b--\r\n").utf8)
            let answer = try await Self.post(server, body, contentType: "multipart/form-data; boundary=b")
            #expect(answer.code == 0)
            #expect(answer.data?.objectValue?.orderedKeys == ["closed"])
            #expect(answer.data?["closed"] == "kept")
        }
    }
}
