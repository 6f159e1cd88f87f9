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
        /// The statement touches tables outside the caller's `AccessScope`, or controls the
        /// transaction from plugin code.
        case denied
        /// A row could not be read into a record (a missing column, an unknown enum value).
        case decoding
        /// The schema cannot be used: duplicate migration ids, or a database written by a newer
        /// version of the server.
        case schema
        /// The storage was closed or used the wrong way.
        case misuse
        /// Anything else the backend reported.
        case other
    }

    public let kind: Kind
    /// The backend's own result code (SQLite's extended code), or 0.
    public let resultCode: Int32
    public let message: String

    public init(kind: Kind, resultCode: Int32 = 0, message: String) {
        self.kind = kind
        self.resultCode = resultCode
        self.message = message
    }

    /// The storage has been closed.
    public static let closed = StorageError(kind: .misuse, message: "storage is closed")

    public var description: String { "StorageError(\(kind)): \(message)" }
}
