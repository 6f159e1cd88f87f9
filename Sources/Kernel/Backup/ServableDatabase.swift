import Foundation
import PluginSDK
import SQLiteStorage
import Storage

/// Whether a database file is one this build can serve: made by invoice-server, and written by
/// no newer version. `restore` asks this of a backup before it takes the place of the live file.
public enum ServableDatabase {
    /// Throws a `StorageError` (`.schema`) saying why the file at `path` cannot be served with
    /// `plugins` and `modules`.
    public static func check(path: String, plugins: [any Plugin], modules: [any KernelModule]) async throws {
        let pool = try SQLitePool(configuration: SQLiteConfiguration(path: path, readerCount: 1))
        defer { pool.close() }
        let applied = try await Migrator.appliedMigrations(pool)
        guard applied.contains(where: { $0.hasPrefix(Migration.kernelOwner + "/") }) else {
            throw StorageError(kind: .schema, message: "\(path) is not an invoice-server database (it has no kernel migrations)")
        }
        let known = KernelMigrations.all + modules.flatMap(\.migrations) + plugins.flatMap(\.migrations)
        try await Migrator.checkNotSuperseded(
            pool, known: known, owners: Set([Migration.kernelOwner] + plugins.map(\.manifest.name)))
    }
}
