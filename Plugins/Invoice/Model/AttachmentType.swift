/// The kinds of file an attachment may be, decided from the bytes alone: the file name and the
/// content type the client declared are never trusted.
enum AttachmentType: String, Sendable, CaseIterable {
    case pdf, png, jpeg, text

    /// What downloads are sent as.
    var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .text: "text/plain; charset=utf-8"
        }
    }

    /// The type `bytes` hold, or nil when they are none of the accepted kinds. Text is valid
    /// UTF-8 without control characters other than tab, line feed, form feed and carriage return
    /// (a binary file is never taken for text).
    init?(of bytes: [UInt8]) {
        if bytes.starts(with: Array("%PDF-".utf8)) {
            self = .pdf
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if String(validating: bytes, as: UTF8.self) != nil,
            !bytes.contains(where: { ($0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0)) || $0 == 0x7F })
        {
            self = .text
        } else {
            return nil
        }
    }
}
