/// What a PDF says about itself. The date is given, never "now", so the same document always
/// gives the same bytes.
public struct PDFMetadata: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    /// Creation and modification time as ISO 8601 in UTC (`YYYY-MM-DDThh:mm:ssZ`).
    public var date: String

    public init(title: String, author: String = "", subject: String = "", date: String) {
        self.title = title
        self.author = author
        self.subject = subject
        self.date = date
    }
}
