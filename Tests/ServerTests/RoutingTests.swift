import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct RoutingTests {
    @Test(arguments: [
        "/api/plugins/index?", "/admin/plugins/index?", "/api.php?s=plugins/index&", "/admin.php?s=plugins/index&",
        "/api.php?s=/plugins/index.html&",
    ])
    func everyPathFormReachesThePlugin(prefix: String) async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(
                port: server.port, target: prefix + "pluginsname=system&pluginscontrol=system&pluginsaction=ping")
            #expect(answer.status == 200)
            #expect(answer.code == 0)
            #expect(answer.data?["pong"] == .bool(true))
            #expect(answer.headers["content-type"] == "application/json; charset=utf-8")
        }
    }

    @Test func shopxoEntryWithAnotherRouteIsRefused() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(
                port: server.port, target: "/api.php?s=user/center&pluginsname=system&pluginscontrol=system&pluginsaction=ping")
            #expect(answer.code == -5000)
            #expect(answer.msg?.contains("'s'") == true)
        }
    }

    @Test func jsonBodyParametersWinOverTheQuery() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await server.call("demo", "demo", "echo", ["a": "body", "n": 3, "list": [1, "x"]], query: "a=query&b=query")
            #expect(answer.data?["a"] == "body")
            #expect(answer.data?["b"] == "query")
            #expect(answer.data?["n"] == 3)
            #expect(answer.data?["list"] == [1, "x"])
        }
    }

    @Test func urlEncodedFormBodiesAreMerged() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let body = Array("a=b%C3%A9dy+x&ids[]=1&ids[]=2&empty=".utf8)
            let answer = try await RawHTTP.send(
                port: server.port, target: "/api/plugins/index?pluginsname=demo&pluginscontrol=demo&pluginsaction=echo&a=q",
                headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: body)
            #expect(answer.code == 0)
            #expect(answer.data?["a"] == "bédy x")
            #expect(answer.data?["ids"] == ["1", "2"])
            #expect(answer.data?["empty"] == "")
        }
    }

    @Test func mediaTypesMatchInAnyCaseAndWithSpacesAroundThem() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let target = "/api/plugins/index?pluginsname=demo&pluginscontrol=demo&pluginsaction=echo"
            let json = try await RawHTTP.send(
                port: server.port, target: target, headers: [("Content-Type", " Application/JSON ; charset=UTF-8")], body: Array(#"{"a":"json"}"#.utf8))
            #expect(json.data?["a"] == "json")
            let form = try await RawHTTP.send(
                port: server.port, target: target, headers: [("Content-Type", "APPLICATION/X-WWW-FORM-URLENCODED")], body: Array("a=form".utf8))
            #expect(form.data?["a"] == "form")
            let other = try await RawHTTP.send(port: server.port, target: target, headers: [("Content-Type", "image/png")], body: [1, 2, 3])
            #expect(other.code == -5000)
        }
    }

    @Test func multipartFormBodiesAreMergedWithFilesDescribed() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let boundary = "XyZ123"
            let body = Array(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n发票 title\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                    + "--\(boundary)--\r\n").utf8)
            let answer = try await RawHTTP.send(
                port: server.port, target: "/api/plugins/index?pluginsname=demo&pluginscontrol=demo&pluginsaction=echo",
                headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body)
            #expect(answer.code == 0)
            #expect(answer.data?["title"] == "发票 title")
            #expect(answer.data?["file"]?["filename"] == "a.txt")
            #expect(answer.data?["file"]?["size"] == 5)
            #expect(answer.data?["file"]?["base64"] == "aGVsbG8=")
        }
    }

    @Test func aJSONBodyWithoutContentTypeIsReadAsJSON() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(
                port: server.port, target: "/api.php?s=plugins/index&pluginsname=demo&pluginscontrol=demo&pluginsaction=echo",
                body: Array(#"{"page":1}"#.utf8))
            #expect(answer.data?["page"] == 1)
        }
    }

    @Test func getReachesPublicReadActionsOnly() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let ping = try await RawHTTP.send(
                port: server.port, method: "GET", target: "/api/plugins/index?pluginsname=system&pluginscontrol=system&pluginsaction=ping")
            #expect(ping.code == 0)
            let login = try await RawHTTP.send(
                port: server.port, method: "GET",
                target: "/api/plugins/index?pluginsname=system&pluginscontrol=user&pluginsaction=login&accounts=a&pwd=b")
            #expect(login.status == 405)
            #expect(login.code == -5000)
        }
    }

    @Test func unknownPathsAnswerAnEnvelopeWith404() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(port: server.port, target: "/index.php?s=plugins/index")
            #expect(answer.status == 404)
            #expect(answer.code == -1)
            #expect(answer.msg == "unknown path")
        }
    }

    @Test func theSystemPluginReportsVersionAndPlugins() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let version = try await server.call("system", "system", "version")
            #expect(version.data?["name"] == "invoice-server")
            let plugins = try await server.call("system", "system", "plugins")
            let names = plugins.data?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["system", "demo"])
        }
    }
}

@Suite struct MultipartHostileTests {
    @Test(arguments: [
        "--b\r\n\u{E9}: x\r\n\r\nv\r\n--b--\r\n",
        "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing delimiter",
        "--b\r\nno-colon-header\r\n\r\nv\r\n--b--\r\n",
        "preamble only",
        "--b--",
    ])
    func malformedMultipartBodiesAnswerMinus5000(body: String) async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(
                port: server.port, target: "/api/plugins/index?pluginsname=demo&pluginscontrol=demo&pluginsaction=echo",
                headers: [("Content-Type", "multipart/form-data; boundary=b")], body: Array(body.utf8))
            #expect(answer.status == 200)
            #expect(answer.code == -5000 || (body == "--b--" && answer.code == 0))
            let ping = try await server.call("system", "system", "ping")
            #expect(ping.code == 0)
        }
    }
}
