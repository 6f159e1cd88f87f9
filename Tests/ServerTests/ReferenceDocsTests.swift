import Foundation
import PluginSDK
import TestSupport
import Testing

/// The API reference never drifts from the code: the committed docs are exactly what
/// `invoice-server docs` writes now, and `/docs` on a running server lists every action of every
/// plugin, in English, Chinese and Persian, with request text escaped.
@Suite struct ReferenceDocsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every file `invoice-server docs` writes, relative to the docs folder.
    static func files(under folder: URL) throws -> [String] {
        var paths: [String] = []
        for sub in ["api", "postman"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)) ?? []
            paths += names.filter { $0.hasSuffix(".md") || $0.hasSuffix(".json") }.map { "\(sub)/\($0)" }
        }
        return (paths + ["errors.md"]).sorted()
    }

    @Test func theCommittedReferenceIsWhatTheCodeGeneratesNow() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await ServerBinary.run(["docs", "--out", folder])
        #expect(result.status == 0, "\(result.errors)")
        let generated = URL(fileURLWithPath: folder)
        let committed = Self.repository.appendingPathComponent("docs")
        let written = try Self.files(under: generated)
        #expect(written.contains("api/invoice.md") && written.contains("postman/invoice-server.postman_collection.json"))
        #expect(try Self.files(under: committed) == written, "docs/ holds other reference files than the generator writes: run `make docs`")
        for path in written {
            let fresh = try String(contentsOf: generated.appendingPathComponent(path), encoding: .utf8)
            let old = (try? String(contentsOf: committed.appendingPathComponent(path), encoding: .utf8)) ?? ""
            #expect(fresh == old, "docs/\(path) differs from what the route tables generate: run `make docs` and commit the result")
        }
    }

    @Test func theGeneratedCollectionIsPostmanV21WithOneRequestPerActionAndItsAnswer() async throws {
        let text = try String(
            contentsOf: Self.repository.appendingPathComponent("docs/postman/invoice-server.postman_collection.json"), encoding: .utf8)
        let collection = try JSON.parse(Array(text.utf8))
        #expect(collection["info"]?["schema"]?.stringValue == "https://schema.getpostman.com/json/collection/v2.1.0/collection.json")
        let variables = Set((collection["variable"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue })
        #expect(variables.isSuperset(of: ["base_url", "admin_token", "user_token", "api_key"]))
        let folders = collection["item"]?.arrayValue ?? []
        #expect(folders.first?["name"]?.stringValue == "Setup")
        var names: [String] = []
        for folder in folders.dropFirst() {
            for item in folder["item"]?.arrayValue ?? [] {
                names.append(item["name"]?.stringValue ?? "")
                #expect(item["request"]?["url"]?["raw"]?.stringValue?.hasPrefix("{{base_url}}/") == true)
                #expect(item["response"]?.arrayValue?.count == 1, "\(names.last ?? "")")
            }
        }
        #expect(Set(names).count == names.count)
        #expect(names.contains("invoice/merchant/create") && names.contains("schedule/merchant/create") && names.contains("copy/merchant/copy"))
    }

    /// Runs `body` with a server on a fresh data folder, then stops it (exit 0 expected).
    static func withServer(_ body: (ServerProcess) async throws -> Void) async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await ServerProcess(arguments: ["--data-dir", folder + "/data", "--config", try ServerBinary.fastConfig(in: folder)])
        defer { if server.process.isRunning { server.process.terminate() } }
        try await body(server)
        #expect(await server.stop() == 0)
    }

    @Test func theDocsPageListsEveryActionInEachLanguage() async throws {
        try await Self.withServer { server in
            let openAPI = try await RawHTTP.send(port: server.port, method: "GET", target: "/api/openapi.json")
            var anchors: [String] = []
            for (_, item) in openAPI.json["paths"]?.objectValue ?? [:] {
                if let id = item["post"]?["operationId"]?.stringValue { anchors.append(id.replacing(".", with: "-")) }
            }
            #expect(anchors.count > 100, "\(anchors.count) actions")
            let expected: [(String, [String])] = [
                ("en", ["API reference", "Create a pending invoice", "Error code comparison table", "Batch requests"]),
                ("zh", ["API 参考", "创建待支付发票", "错误码对照表", "批量请求", "需要登录"]),
                ("fa", ["مرجع API", "ایجاد فاکتور در انتظار پرداخت", "جدول مقایسهٔ کدهای خطا", "درخواست‌های دسته‌ای"]),
            ]
            for (language, phrases) in expected {
                let page = try await RawHTTP.send(port: server.port, method: "GET", target: "/docs?lang=\(language)")
                #expect(page.status == 200)
                #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
                #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true, "\(page.headers)")
                let html = page.text
                #expect(html.contains("<html lang=\"\(language)\""))
                for phrase in phrases { #expect(html.contains(phrase), "\(language): \(phrase)") }
                for anchor in anchors { #expect(html.contains("id=\"\(anchor)\""), "\(language): no \(anchor)") }
                #expect(!html.contains("<script>"), "no inline script")
                for source in html.ranges(of: "<script src=\"") {
                    #expect(html[source.upperBound...].hasPrefix("/"), "only the server's own script")
                }
            }
        }
    }

    @Test func requestTextOnTheDocsPageIsEscaped() async throws {
        try await Self.withServer { server in
            let page = try await RawHTTP.send(port: server.port, method: "GET", target: "/docs?plugin=%3Cscript%3Ealert(1)%3C%2Fscript%3E&lang=en")
            #expect(page.status == 404)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<script>alert"))
            let one = try await RawHTTP.send(port: server.port, method: "GET", target: "/docs?plugin=copy")
            #expect(one.status == 200)
            #expect(one.text.contains("id=\"copy-merchant-copy\"") && !one.text.contains("id=\"invoice-merchant-create\""))
        }
    }
}
