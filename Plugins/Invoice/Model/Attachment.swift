import PluginSDK

/// A file a store uploaded (`attachment/upload`) to hand its customers with invoices: a PDF, a
/// PNG or JPEG picture, or UTF-8 text. Its bytes live in `invoice_attachments` beside its
/// description and are read only to download it.
struct Attachment: Sendable, Equatable {
    let id: Int64
    let storeID: Int64
    let name: String
    let type: AttachmentType
    let size: Int64
    /// Hex SHA-256 of the bytes, so a client can check what it downloaded.
    let sha256: String
    let createdAt: Int64

    /// How an invoice lists it: id, name, type and size.
    var summary: JSON {
        ["id": .int(id), "name": .string(name), "content_type": .string(type.contentType), "size": .int(size)]
    }

    /// The attachment as the API answers it (never its bytes).
    var json: JSON {
        [
            "id": .int(id),
            "name": .string(name),
            "content_type": .string(type.contentType),
            "size": .int(size),
            "sha256": .string(sha256),
            "created_at": Invoice.iso(createdAt),
        ]
    }
}
