import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct LimitsTests {
    static let echo = "/api/plugins/index?pluginsname=demo&pluginscontrol=demo&pluginsaction=echo"

    @Test func aBodyOverTheLimitAnswers413WithAnEnvelopeAndStoresNothing() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.maxBodyBytes = 64 * 1024 }) { server in
            let (_, token) = try await server.user("big")
            let text = String(repeating: "x", count: 70 * 1024)
            let answer = try await RawHTTP.send(
                port: server.port, target: "/api/plugins/index?pluginsname=demo&pluginscontrol=note&pluginsaction=add&token=\(token)",
                headers: [("Content-Type", "application/json")], body: (["text": .string(text)] as JSON).serialized())
            #expect(answer.status == 413)
            #expect(answer.code == -5000)
            #expect(answer.msg == "request body too large")
            #expect(try await server.call("demo", "note", "count", token: token).data?["count"] == 0)
        }
    }

    @Test func moreThan256ParametersAnswerMinus5000() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            var object = JSONObject()
            for index in 0..<300 { object["p\(index)"] = .int(Int64(index)) }
            let answer = try await RawHTTP.send(
                port: server.port, target: Self.echo, headers: [("Content-Type", "application/json")], body: JSON.object(object).serialized())
            #expect(answer.code == -5000)
            #expect(answer.msg == "too many parameters")
            let query = (0..<10_000).map { "q\($0)=1" }.joined(separator: "&")
            let viaQuery = try await RawHTTP.send(port: server.port, target: Self.echo + "&" + query)
            #expect(viaQuery.code == -5000 || viaQuery.status == 431 || viaQuery.status == 400)
        }
    }

    @Test func aStringOverTheLimitAnswersMinus5000NamingIt() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let answer = try await RawHTTP.send(
                port: server.port, target: Self.echo, headers: [("Content-Type", "application/json")],
                body: (["note": .string(String(repeating: "y", count: 65 * 1024))] as JSON).serialized())
            #expect(answer.code == -5000)
            #expect(answer.msg == "parameter 'note' is longer than 65536 bytes")
        }
    }

    @Test func slowClientsAreDisconnectedAfterTheIdleTimeout() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.idleTimeoutSeconds = 1 }) { server in
            let started = ContinuousClock.now
            let answer = try? await RawHTTP.exchange(port: server.port, bytes: Array("POST /api/plugins/index HTTP/1.1\r\nHost: x\r\n".utf8))
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .seconds(10))
            #expect(answer == nil || answer?.status != 200)
            let ping = try await server.call("system", "system", "ping")
            #expect(ping.code == 0)
        }
    }

    @Test func aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyArrives() async throws {
        try await TestServer.with(plugins: [DemoPlugin()]) { server in
            let connection = try RawConnection(port: server.port)
            try connection.write(Array((
                "POST \(Self.echo) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10737418240\r\n\r\n{\"a\":").utf8))
            let started = ContinuousClock.now
            let answer = try await connection.readResponse()
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(answer.status == 413)
            #expect(answer.code == -5000)
        }
    }

    @Test func aBodyTricklingInSlowerThanTheBodyTimeoutIsCutOff() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.bodyTimeoutSeconds = 1 }) { server in
            let connection = try RawConnection(port: server.port)
            try connection.write(Array((
                "POST \(Self.echo) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").utf8))
            for _ in 0..<3 {
                try await Task.sleep(for: .milliseconds(600))
                try? connection.write(Array(" ".utf8))
            }
            let answer = try RawHTTP.parse(try await connection.readAll())
            #expect(answer.status == 408)
            #expect(answer.msg == "request body arrived too slowly")
            let ping = try await server.call("system", "system", "ping")
            #expect(ping.code == 0)
        }
    }

    @Test func aChunkedBodyOverTheLimitAnswers413() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: { $0.maxBodyBytes = 64 * 1024 }) { server in
            let connection = try RawConnection(port: server.port)
            var bytes = Array("POST \(Self.echo) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            for _ in 0..<5 { bytes += Array("4000\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 0x4000) + Array("\r\n".utf8) }
            bytes += Array("0\r\n\r\n".utf8)
            connection.writeUntilClosed(bytes)
            let answer = try await connection.readResponse()
            #expect(answer.status == 413)
            #expect(answer.msg == "request body too large")
        }
    }
}
