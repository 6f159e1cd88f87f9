import ArgumentParser
import Foundation
import Kernel
import PluginSDK
import SQLiteStorage

/// `invoice-server backup --to FILE`: a consistent copy of the database while the server runs and
/// writes, with progress on a terminal, checked with `PRAGMA integrity_check` before it is kept.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to FILE while the server runs; prints {\"backup\", \"pages\", \"bytes\", \"integrity\"}.")

    @Option(help: "The backup file to write (refused if it exists, unless --force).") var to: String
    @Flag(help: "Replace FILE if it exists.") var force = false
    @OptionGroup var options: CommonOptions

    func run() async throws {
        let configuration: ServerConfiguration
        do {
            configuration = try options.serverConfiguration()
        } catch {
            throw failure(error)
        }
        let source = configuration.databasePath
        guard FileManager.default.fileExists(atPath: source) else { throw failure(refusal("no database at \(source)")) }
        guard URL(fileURLWithPath: to).standardizedFileURL != URL(fileURLWithPath: source).standardizedFileURL else {
            throw failure(refusal("--to names the live database itself"))
        }
        guard force || !FileManager.default.fileExists(atPath: to) else {
            throw failure(refusal("\(to) exists (give --force to replace it)"))
        }
        let meter = ProgressMeter(label: "backup")
        let summary: SQLiteBackup.Summary
        do {
            summary = try SQLiteBackup.copy(from: source, to: to, busyTimeoutMilliseconds: Int32(clamping: configuration.busyTimeoutMilliseconds)) {
                meter.show(done: $0.copiedPages, of: $0.totalPages)
            }
        } catch {
            meter.finish()
            throw failure(refusal("backup failed: \(error)"))
        }
        meter.finish()
        printJSON(["backup": .string(to), "pages": .int(Int64(summary.pages)), "bytes": .int(summary.bytes), "integrity": "ok"])
    }
}

/// A one-line progress display on standard error, shown only when it is a terminal.
struct ProgressMeter {
    let label: String
    private let visible = isatty(STDERR_FILENO) == 1

    init(label: String) {
        self.label = label
    }

    func show(done: Int, of total: Int) {
        guard visible, total > 0 else { return }
        FileHandle.standardError.write(Data("\r\(label): \(done * 100 / total)% (\(done)/\(total) pages)".utf8))
    }

    func finish() {
        guard visible else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
