import PluginSDK
import Printing

/// A store's invoicing settings: its row in `invoice_store_settings` over the plugin config's
/// `store_defaults`, over the server's time zone. The row is cached per store (`PluginCaches`), so a request reads it from
/// memory; a save drops it in every process. The store's logo is kept apart
/// (`invoice_store_logos`): only PDFs and the settings view read it.
enum SettingsRecords {
    /// The stored settings object of a store (`{}` when it has no row).
    static let cacheKey = CacheKey<JSON>("store-settings")

    /// The store's settings, inside the caller's read or write.
    static func load(_ db: Database, storeID: Int64, context: ActionContext) throws -> StoreSettings {
        try load(db, storeID: storeID, services: context.services, config: context.config)
    }

    /// The store's settings, inside the caller's read or write (services: the invoice plugin's).
    static func load(_ db: Database, storeID: Int64, services: PluginServices, config: JSON) throws -> StoreSettings {
        let stored = try services.caches.value(cacheKey, id: storeID, in: db) { db in
            InvoiceRecords.parse(
                try db.queryOne("SELECT settings FROM invoice_store_settings WHERE store_id = ?", storeID)?.string("settings"),
                fallback: .emptyObject)
        }
        var fallback = StoreSettings.fallback
        fallback.timeZone = services.defaultTimeZone
        return StoreSettings(json: stored, base: StoreSettings(json: config["store_defaults"] ?? .emptyObject, base: fallback))
    }

    /// Stores a store's settings in the caller's write - and sets or removes its logo when asked -
    /// and drops the cached copy everywhere; answers the store's logo after it.
    static func save(
        _ db: Database, storeID: Int64, settings: StoreSettings, logo change: StoreLogo.Change? = nil, now: Int64, services: PluginServices
    ) throws -> StoreLogo? {
        try db.execute(
            """
            INSERT INTO invoice_store_settings (store_id, settings, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (store_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
            """, storeID, settings.json(revealSecrets: true).text, now)
        if let change { try apply(change, db, storeID: storeID, now: now) }
        try services.caches.invalidate(cacheKey, in: db)
        return try logo(db, storeID: storeID)
    }

    /// The store's logo, if it has one.
    static func logo(_ db: Database, storeID: Int64) throws -> StoreLogo? {
        guard let row = try db.queryOne("SELECT png, updated_at FROM invoice_store_logos WHERE store_id = ?", storeID),
            case .blob(let bytes) = row["png"], let image = try? PNGImage(bytes)
        else { return nil }
        return StoreLogo(image: image, updatedAt: row.int64("updated_at") ?? 0)
    }

    private static func apply(_ change: StoreLogo.Change, _ db: Database, storeID: Int64, now: Int64) throws {
        switch change {
        case .set(let image):
            try db.execute(
                """
                INSERT INTO invoice_store_logos (store_id, png, width, height, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (store_id) DO UPDATE SET png = excluded.png, width = excluded.width, height = excluded.height,
                    updated_at = excluded.updated_at
                """, storeID, SQLValue.blob(image.bytes), image.width, image.height, now)
        case .remove:
            try db.execute("DELETE FROM invoice_store_logos WHERE store_id = ?", storeID)
        }
    }
}
