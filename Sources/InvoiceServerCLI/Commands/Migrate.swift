import ArgumentParser
import Foundation
import Kernel
import PluginSDK
import SQLiteStorage
import Storage

/// `invoice-server migrate`: applies pending migrations and prints the ones it applied now
/// (`{"applied": [...], "total": N}`; an empty list when the database was up to date).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations; prints those applied now.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let before = try await appliedBefore()
        try await options.run { kernel in
            let applied = try await Migrator.appliedMigrations(kernel.access.storage)
            printJSON(["applied": .array(applied.filter { !before.contains($0) }.map { .string($0) }), "total": .int(Int64(applied.count))])
        }
    }

    /// The migrations the database held before this run (none when it does not exist yet).
    private func appliedBefore() async throws -> Set<String> {
        let configuration: ServerConfiguration
        do {
            configuration = try options.serverConfiguration()
        } catch {
            throw failure(error)
        }
        guard FileManager.default.fileExists(atPath: configuration.databasePath) else { return [] }
        let pool = try SQLitePool(configuration: configuration.storage)
        defer { pool.close() }
        return Set(try await Migrator.appliedMigrations(pool))
    }
}
