import PluginSDK

/// `attachment/upload|list|download|delete`: files a store hands its customers with invoices
/// (API key scope `invoices`, or admins). An invoice or a schedule lists them by id; the
/// customer downloads them from the invoice's hosted page.
enum AttachmentActions {
    /// Stores a `file` (multipart, or `{"filename", "base64"}` in JSON) within the per-file and
    /// per-store limits; its type is read from its bytes.
    static func upload(_ context: ActionContext) async throws -> Reply {
        let limits = AttachmentLimits(context.config)
        let upload = try AttachmentUpload(context.params, limits: limits)
        let now = context.now
        let attachment = try await context.storage.write { db in
            try AttachmentRecords.insert(db, storeID: try context.storeID(in: db), upload: upload, limits: limits, now: now)
        }
        return .ok(attachment.json)
    }

    /// The store's attachments, newest first, with its use of the limits.
    static func list(_ context: ActionContext) async throws -> Reply {
        let page = try context.params.int("page") ?? 1
        let size = try context.params.int("page_size") ?? 20
        let limits = AttachmentLimits(context.config)
        let (items, usage) = try await context.storage.read { db in
            let storeID = try context.storeID(in: db)
            return (
                try AttachmentRecords.list(db, storeID: storeID, limit: size, offset: (page - 1) * size),
                try AttachmentRecords.usage(db, storeID: storeID)
            )
        }
        return .ok([
            "page": .int(page), "page_size": .int(size), "total": .int(usage.count), "items": .array(items.map(\.json)),
            "usage": limits.json(count: usage.count, bytes: usage.bytes),
        ])
    }

    /// The file itself, as uploaded.
    static func download(_ context: ActionContext) async throws -> Reply {
        let id = try context.params.requiredInt("id")
        let (attachment, bytes) = try await context.storage.read { db -> (Attachment, [UInt8]) in
            let storeID = try context.storeID(in: db)
            guard let attachment = try AttachmentRecords.find(db, storeID: storeID, id: id),
                let bytes = try AttachmentRecords.content(db, storeID: storeID, id: id)
            else { throw KernelError.notFound }
            return (attachment, bytes)
        }
        return file(attachment, bytes)
    }

    /// Deletes an attachment no invoice lists (schedules that list it leave it out of their
    /// later invoices).
    static func delete(_ context: ActionContext) async throws -> Reply {
        let id = try context.params.requiredInt("id")
        try await context.storage.write { db in try AttachmentRecords.delete(db, storeID: try context.storeID(in: db), id: id) }
        return .ok(["id": .int(id), "deleted": true])
    }

    /// An attachment's bytes as a download under its own name and type.
    static func file(_ attachment: Attachment, _ bytes: [UInt8]) -> Reply {
        .file(Reply.File(bytes: bytes, contentType: attachment.type.contentType, fileName: attachment.name, download: true))
    }
}
