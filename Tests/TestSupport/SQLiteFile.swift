import Foundation

/// A server's database file read with the sqlite3 command-line tool: what another process finds
/// on disk, not what the server's own connections see.
public enum SQLiteFile {
    /// The first column of the first row of `sql` on `<dataDir>/invoice-server.sqlite`, as text.
    public static func scalar(dataDir: String, _ sql: String) async throws -> String {
        let path = URL(fileURLWithPath: dataDir).appendingPathComponent("invoice-server.sqlite").path
        return try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [path, sql]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw RawHTTP.Failure(description: "sqlite3 failed on: \(sql)") }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// `SELECT COUNT(*) FROM table` (with an optional condition) as the file holds it.
    public static func count(dataDir: String, _ table: String, where condition: String = "1") async throws -> Int {
        Int(try await scalar(dataDir: dataDir, "SELECT COUNT(*) FROM \(table) WHERE \(condition)")) ?? -1
    }
}
