import Kernel
import Storage

/// A store's invoicing settings: its row in `invoice_store_settings` over the plugin config's
/// `store_defaults`.
enum SettingsRecords {
    static func load(_ context: ActionContext, storeID: Int64) async throws -> StoreSettings {
        let base = StoreSettings(json: context.config["store_defaults"] ?? .emptyObject)
        let stored = try await context.storage.read { db in
            try db.queryOne("SELECT settings FROM invoice_store_settings WHERE store_id = ?", storeID)?.string("settings")
        }
        return StoreSettings(json: InvoiceRecords.parse(stored, fallback: .emptyObject), base: base)
    }

    static func save(_ context: ActionContext, storeID: Int64, settings: StoreSettings) async throws {
        let text = settings.json(revealSecrets: true).text
        let now = context.services.clock.unixSeconds()
        try await context.storage.write { db in
            try db.execute(
                """
                INSERT INTO invoice_store_settings (store_id, settings, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (store_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
                """, storeID, text, now)
        }
    }
}
