import PluginSDK

/// A store's invoicing settings: its row in `invoice_store_settings` over the plugin config's
/// `store_defaults`. The row is cached per store (`PluginCaches`), so a request reads it from
/// memory; a save drops it in every process.
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
        return StoreSettings(json: stored, base: StoreSettings(json: config["store_defaults"] ?? .emptyObject))
    }

    /// Stores a store's settings in the caller's write and drops the cached copy everywhere.
    static func save(_ db: Database, storeID: Int64, settings: StoreSettings, now: Int64, services: PluginServices) throws {
        try db.execute(
            """
            INSERT INTO invoice_store_settings (store_id, settings, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (store_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
            """, storeID, settings.json(revealSecrets: true).text, now)
        try services.caches.invalidate(cacheKey, in: db)
    }
}
