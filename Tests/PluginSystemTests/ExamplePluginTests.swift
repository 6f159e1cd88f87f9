import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// Examples/HelloPlugin is a separate SwiftPM package depending on this one by path, with its own
/// executable: the built-in plugins plus HelloPlugin. `make test` builds it before the tests run
/// (the build here is then a quick no-op); this test builds it if needed, starts it as a real
/// process and calls it over HTTP.
@Suite struct ExamplePluginTests {
    static let packagePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/HelloPlugin").path

    /// Runs `swift` with `arguments` in the example package. (No build lock is taken here: the
    /// caller of the tests may hold it, and after `make test`'s build step this build is a no-op.)
    static func swift(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["swift"] + arguments + ["--package-path", packagePath]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }

    @Test(.timeLimit(.minutes(30)))
    func theHelloExampleServesItsPluginBesideTheBuiltInOnes() async throws {
        let build = try await Self.swift(["build", "--product", "hello-server"])
        try #require(build.status == 0, "\(build.output.suffix(3_000))")
        let binPath = try await Self.swift(["build", "--show-bin-path"])
        let binary = URL(fileURLWithPath: binPath.output.trimmingCharacters(in: .whitespacesAndNewlines)).appendingPathComponent("hello-server")

        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try ServerBinary.fastConfig(in: folder)
        let server = try await ServerProcess(executable: binary, arguments: ["--data-dir", folder + "/data", "--config", config])
        defer { _ = server.process.isRunning ? kill(server.process.processIdentifier, SIGKILL) : 0 }

        func call(_ target: String, _ body: JSON = .emptyObject) async throws -> HTTPResult {
            try await RawHTTP.send(port: server.port, target: target, headers: [("Content-Type", "application/json")], body: body.serialized())
        }
        let plugins = try await call("/api/plugins/index?pluginsname=system&pluginscontrol=system&pluginsaction=plugins")
        let names = plugins.data?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("hello") && names.contains("invoice"))

        let greeting = try await call("/api/plugins/index?pluginsname=hello&pluginscontrol=greet&pluginsaction=say&lang=zh", ["name": "Ann"])
        #expect(greeting.code == 0)
        #expect(greeting.data?["greeting"] == "你好, Ann!")
        let viaGET = try await RawHTTP.send(
            port: server.port, method: "GET", target: "/api/plugins/hello/greet/say?name=Bo&lang=fa")
        #expect(viaGET.data?["greeting"] == "سلام, Bo!")
        #expect(try await call("/api/plugins/index?pluginsname=hello&pluginscontrol=greet&pluginsaction=mine").code == -400)

        // Its config schema is enforced through the admin actions of the kernel.
        let admin = try await ServerBinary.run(
            executable: binary, ["admin", "create", "--name", "root", "--password", "root-pass", "--data-dir", folder + "/data", "--config", config])
        let token = try #require(try JSON.parse(Array(admin.output.utf8))["token"]?.stringValue, "\(admin.errors)")
        let adminPath = "/admin/plugins/index?pluginsname=system&pluginscontrol=plugin&token=\(token)&pluginsaction="
        let refused = try await call(adminPath + "saveconfig", ["name": "hello", "config": ["punctuation": "~"]])
        #expect(refused.code == -5000)
        #expect(try await call(adminPath + "saveconfig", ["name": "hello", "config": ["punctuation": "?"]]).code == 0)
        let asked = try await call("/api/plugins/index?pluginsname=hello&pluginscontrol=greet&pluginsaction=say", ["name": "Cy"])
        #expect(asked.data?["greeting"] == "Hello, Cy?")

        #expect(await server.stop() == 0)
    }
}
