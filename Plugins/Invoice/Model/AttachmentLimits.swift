import PluginSDK

/// How much a store may upload, from the plugin's config (`config/plugins/invoice.json`):
/// `attachment_max_bytes` per file, `attachment_store_max_count` files and
/// `attachment_store_max_bytes` in all per store. An upload is also bounded by the server's
/// `max_body_bytes` (413 before the plugin sees it).
struct AttachmentLimits: Sendable {
    static let defaultFileBytes: Int64 = 512 << 10
    static let defaultStoreCount: Int64 = 200
    static let defaultStoreBytes: Int64 = 50 << 20

    let fileBytes: Int64
    let storeCount: Int64
    let storeBytes: Int64

    init(_ config: JSON) {
        fileBytes = config["attachment_max_bytes"]?.intValue ?? Self.defaultFileBytes
        storeCount = config["attachment_store_max_count"]?.intValue ?? Self.defaultStoreCount
        storeBytes = config["attachment_store_max_bytes"]?.intValue ?? Self.defaultStoreBytes
    }

    /// The limits as `attachment/list` shows them beside the store's use.
    func json(count: Int64, bytes: Int64) -> JSON {
        [
            "count": .int(count), "bytes": .int(bytes), "max_count": .int(storeCount), "max_bytes": .int(storeBytes),
            "max_file_bytes": .int(fileBytes),
        ]
    }
}
