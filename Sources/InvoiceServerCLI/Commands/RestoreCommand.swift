import ArgumentParser
import Foundation
import Kernel
import PluginSDK
import SQLiteStorage

/// `invoice-server restore --from FILE`: puts a backup in the place of the database. Refused while
/// a server runs on it; the file is checked first (integrity, an invoice-server database, no
/// newer version's); the database it replaces is kept beside it, never deleted.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the database with a backup (the server must be stopped); prints {\"restored\", \"previous\"}.")

    @Option(help: "The backup file to restore.") var from: String
    @OptionGroup var options: CommonOptions

    func run() async throws {
        do {
            try await restore()
        } catch {
            throw failure(error)
        }
    }

    private func restore() async throws {
        let configuration = try options.serverConfiguration()
        let target = configuration.databasePath
        guard FileManager.default.fileExists(atPath: from) else { throw refusal("no backup at \(from)") }
        try FileManager.default.createDirectory(atPath: configuration.dataDir, withIntermediateDirectories: true)
        guard let lock = try DatabaseLock(databasePath: target, exclusive: true) else {
            throw refusal("a running server holds \(target); stop it first (e.g. systemctl stop invoice-server)")
        }
        let incoming = target + ".restoring"
        do {
            try SQLiteBackup.copy(from: from, to: incoming)
            try await ServableDatabase.check(path: incoming, plugins: ServedPlugins.all, modules: HostModules.standard)
        } catch {
            try? FileManager.default.removeItem(atPath: incoming)
            throw refusal("\(from) cannot be restored: \(error)")
        }
        var previous: String?
        if FileManager.default.fileExists(atPath: target) {
            let aside = target + ".before-restore-" + Self.stamp()
            try SQLiteBackup.copy(from: target, to: aside)
            previous = aside
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        guard rename(incoming, target) == 0 else { throw refusal("cannot move the restored file into place (errno \(errno))") }
        withExtendedLifetime(lock) {}
        printJSON(["restored": .string(target), "from": .string(from), "previous": previous.map { JSON.string($0) } ?? JSON.null])
    }

    /// The time now as `YYYYMMDD-HHMMSS` (UTC), for the name of the file kept aside.
    private static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
