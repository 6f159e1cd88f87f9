/// What an action answers: envelope data, or a file (PDFs).
public struct Reply: Sendable {
    /// A file sent as the body instead of an envelope.
    public struct File: Sendable {
        public let bytes: [UInt8]
        public let contentType: String
        public let fileName: String
        /// True to download (`attachment`), false to view in the browser (`inline`).
        public let download: Bool

        public init(bytes: [UInt8], contentType: String, fileName: String, download: Bool) {
            self.bytes = bytes
            self.contentType = contentType
            self.fileName = fileName
            self.download = download
        }
    }

    public let data: JSON
    public let message: LocalizedText
    public let file: File?

    /// Success with data; `msg` is the localized "success".
    public static func ok(_ data: JSON = "", message: LocalizedText = KernelMessages.success) -> Reply {
        Reply(data: data, message: message, file: nil)
    }

    /// Success answered with a file body.
    public static func file(_ file: File) -> Reply {
        Reply(data: "", message: KernelMessages.success, file: file)
    }
}
