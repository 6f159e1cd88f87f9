import Kernel
import Printing
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

    /// Saves the settings and, when asked, sets or removes the logo, in one write; returns the
    /// store's logo after it.
    static func save(
        _ context: ActionContext, storeID: Int64, settings: StoreSettings, logo change: StoreLogo.Change? = nil
    ) async throws -> StoreLogo? {
        let text = settings.json(revealSecrets: true).text
        let now = context.services.clock.unixSeconds()
        return try await context.storage.write { db in
            try db.execute(
                """
                INSERT INTO invoice_store_settings (store_id, settings, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (store_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
                """, storeID, text, now)
            if let change { try apply(change, db, storeID: storeID, now: now) }
            return try logo(db, storeID: storeID)
        }
    }

    /// The store's logo, if it has one (kept apart from the settings text, which every invoice
    /// action reads).
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
