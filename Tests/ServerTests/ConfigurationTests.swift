import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// Configuration files are read strictly: a mistake stops the start with one line naming the file,
/// the key, and the nearest known key or the allowed values.
@Suite struct ConfigurationTests {
    static func start(serverJSON: String, plugins: [String: String] = [:]) async throws -> (status: Int32, errors: String) {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(serverJSON.utf8).write(to: URL(fileURLWithPath: folder + "/server.json"))
        try FileManager.default.createDirectory(atPath: folder + "/plugins", withIntermediateDirectories: true)
        for (name, text) in plugins { try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/plugins/\(name).json")) }
        let result = try await ServerBinary.run(["serve", "--port", "0", "--data-dir", folder + "/data", "--config", folder + "/server.json"])
        return (result.status, result.errors)
    }

    @Test(arguments: [
        (#"{"prot": 8080}"#, #"unknown key "prot"; did you mean "port"?"#),
        (#"{"synchronous": "BOGUS"}"#, #""synchronous" must be one of OFF, NORMAL, FULL, EXTRA; got "BOGUS""#),
        (#"{"port": 99999}"#, #""port" must be an integer from 0 to 65535; got 99999"#),
        (#"{"max_body_bytes": -1}"#, #""max_body_bytes" must be an integer of at least 1; got -1"#),
        (#"{"trusted_proxies": "10.0.0.1"}"#, #""trusted_proxies" must be an array of strings; got "10.0.0.1""#),
        (#"{"default_lang": "de"}"#, #""default_lang" must be one of en, zh, fa; got "de""#),
        (#"{"password_iterations": 1000,"#, "is not valid JSON"),
        (#"[1, 2]"#, "must be a JSON object"),
    ])
    func aMistakeInServerJSONStopsTheStartNamingTheKey(file: String, message: String) async throws {
        let result = try await Self.start(serverJSON: file)
        #expect(result.status == 1)
        #expect(result.errors.contains("server.json: " + message), "\(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1, "one line")
    }

    @Test func aPluginConfigFileIsCheckedAgainstItsSchemaAtStart() async throws {
        let unknown = try await Self.start(serverJSON: "{}", plugins: ["invoice": #"{"pdf_cache_byte": 1000}"#])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains(#"invoice.json: unknown key "pdf_cache_byte"; did you mean "pdf_cache_bytes"?"#), "\(unknown.errors)")
        let bad = try await Self.start(serverJSON: "{}", plugins: ["schedule": #"{"tick_seconds": 0}"#])
        #expect(bad.status == 1)
        #expect(bad.errors.contains("schedule.json: parameter 'tick_seconds' must be between 1 and 3600"), "\(bad.errors)")
    }

    @Test func aConfigFileNamedOnTheCommandLineMustExist() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await ServerBinary.run(["store", "list", "--data-dir", folder, "--config", folder + "/nope.json"])
        #expect(result.status == 1)
        #expect(result.errors == "invoice-server: \(folder)/nope.json: no such file\n")
    }

    @Test func theShippedConfigFilesAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configuration = try ServerConfiguration.load(path: root.appendingPathComponent("config/server.json").path, required: true)
        #expect(configuration.port == 8080)
    }

    @Test func pluginConfigIsCheckedWhenSavedAndNullRemovesAKey() async throws {
        let folder = TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let common = ["--data-dir", folder + "/data", "--config", try ServerBinary.fastConfig(in: folder)]
        let lots = try await ServerBinary.run(["plugin", "config", "invoice", "--set", #"{"pdf_cache_bytes":"lots"}"#] + common)
        #expect(lots.status == 1)
        #expect(lots.errors.contains("pdf_cache_bytes"), "\(lots.errors)")
        let unknown = try await ServerBinary.run(["plugin", "config", "schedule", "--set", #"{"tick":5}"#] + common)
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("config.tick"), "\(unknown.errors)")
        #expect(try await ServerBinary.run(["plugin", "config", "schedule", "--set", #"{"tick_seconds":5}"#] + common).status == 0)
        let removed = try await ServerBinary.run(["plugin", "config", "schedule", "--set", #"{"pay_link":null}"#] + common)
        #expect(removed.status == 0, "\(removed.errors)")
        #expect(try JSON.parse(Array(removed.output.utf8))["config"] == ["tick_seconds": 5])
    }
}
