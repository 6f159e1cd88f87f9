import Foundation
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// An advisory lock on a database file (`<database>.lock`, flock(2)), held for a process's life:
/// every running server holds it shared, and a restore takes it exclusive, so a restore never
/// replaces a file a server has open and a server never starts on a file being restored. The
/// kernel releases it when the process ends, however it ends.
public final class DatabaseLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock beside `databasePath` without waiting; nil when another process holds it
    /// in a way that excludes this one.
    public init?(databasePath: String, exclusive: Bool) throws {
        let path = databasePath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StorageError(kind: .io, message: "cannot open \(path) (errno \(errno))") }
        guard flock(descriptor, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
