import ArgumentParser
import Foundation
import Kernel
import PluginSDK

/// `invoice-server docs`: writes the API reference generated from the route tables (docs/api,
/// docs/errors.md, the Postman collection). The examples run first against fresh kernels in a
/// temporary folder, with a fixed clock, so the answers shown are real and the same every run.
struct DocsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "Write the API reference (api/*.md, errors.md, the Postman collection) into a folder.")

    @Option(help: "The folder to write into (created when missing).") var out = "docs"

    /// The examples' "now": 2026-01-15 09:00 UTC.
    static let fixedNow = Date(timeIntervalSince1970: 1_768_467_600)

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("invoice-server-docs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files: [(path: String, text: String)]
        do {
            var runs = 0
            files = try await ReferenceDocuments.generate {
                runs += 1
                var configuration = ServerConfiguration()
                configuration.dataDir = scratch.appendingPathComponent("data-\(runs)").path
                configuration.configDir = scratch.appendingPathComponent("config").path
                configuration.passwordIterations = 1_000
                return try await Kernel(
                    configuration: configuration, plugins: ServedPlugins.all, modules: HostModules.standard, logger: CommandLogging.quietLogger,
                    clock: KernelClock { Self.fixedNow })
            }
        } catch {
            throw failure(error)
        }
        let folder = URL(fileURLWithPath: out)
        let api = folder.appendingPathComponent("api")
        let written = Set(files.map(\.path))
        for stale in (try? FileManager.default.contentsOfDirectory(atPath: api.path)) ?? [] where stale.hasSuffix(".md") && !written.contains("api/" + stale) {
            try FileManager.default.removeItem(at: api.appendingPathComponent(stale))
        }
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
        print("wrote \(files.count) files into \(out)")
    }
}
