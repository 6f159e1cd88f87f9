import Foundation
import SQLiteStorage
import Storage

/// A database file in a fresh temporary folder, removed when the test is done.
struct TemporaryDatabase {
    let folder: URL
    var path: String { folder.appendingPathComponent("test.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("storage-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func open(_ configure: (inout SQLiteConfiguration) -> Void = { _ in }) throws -> SQLitePool {
        var configuration = SQLiteConfiguration(path: path, readerCount: 2)
        configure(&configuration)
        return try SQLitePool(configuration: configuration)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
