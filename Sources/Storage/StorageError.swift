import CSQLite

/// A failure of the storage layer. `message` is for logs only: it may name SQL or paths and must
/// never reach a client.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure it was; callers branch on this, never on the message.
    public enum Kind: Sendable, Equatable {
        /// A UNIQUE, PRIMARY KEY, CHECK, NOT NULL or foreign key constraint failed.
        case constraint
        /// The database stayed locked by another process past the busy timeout.
        case busy
        /// The disk, file or database image failed (I/O error, full disk, corruption).
        case io
        /// The storage was closed or used the wrong way.
        case misuse
        /// Anything else SQLite reported.
        case other
    }

    public let kind: Kind
    /// SQLite's extended result code, or 0 when the error did not come from SQLite.
    public let resultCode: Int32
    public let message: String

    public init(kind: Kind, resultCode: Int32 = 0, message: String) {
        self.kind = kind
        self.resultCode = resultCode
        self.message = message
    }

    init(resultCode: Int32, connection: OpaquePointer?, context: String) {
        let detail = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown"
        let kind: Kind
        switch resultCode & 0xff {
        case SQLITE_CONSTRAINT: kind = .constraint
        case SQLITE_BUSY, SQLITE_LOCKED: kind = .busy
        case SQLITE_IOERR, SQLITE_FULL, SQLITE_CORRUPT, SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_READONLY: kind = .io
        case SQLITE_MISUSE: kind = .misuse
        default: kind = .other
        }
        self.init(kind: kind, resultCode: resultCode, message: "\(context): \(detail) (\(resultCode))")
    }

    /// The storage has been closed.
    public static let closed = StorageError(kind: .misuse, message: "storage is closed")

    public var description: String { "StorageError(\(kind)): \(message)" }
}
