import PluginSDK

/// The invoice plugin's SQL for coupons, always scoped to one store. A use is counted by
/// `claim` in the same write as the invoice that makes it, guarded by the usage limit in the
/// statement itself, so concurrent invoices can never use a coupon more often than allowed.
enum CouponRecords {
    static func find(_ db: Database, storeID: Int64, code: String) throws -> Coupon? {
        try db.queryOne("SELECT * FROM invoice_coupons WHERE store_id = ? AND code = ?", storeID, code).map(coupon)
    }

    static func find(_ db: Database, storeID: Int64, id: Int64) throws -> Coupon? {
        try db.queryOne("SELECT * FROM invoice_coupons WHERE store_id = ? AND id = ?", storeID, id).map(coupon)
    }

    static func list(_ db: Database, storeID: Int64, limit: Int64, offset: Int64) throws -> (coupons: [Coupon], total: Int64) {
        let coupons = try db.query("SELECT * FROM invoice_coupons WHERE store_id = ? ORDER BY id DESC LIMIT ? OFFSET ?", storeID, limit, offset)
            .map(coupon)
        let total = try db.queryOne("SELECT COUNT(*) AS n FROM invoice_coupons WHERE store_id = ?", storeID)?.int64("n") ?? 0
        return (coupons, total)
    }

    static func insert(_ db: Database, _ coupon: Coupon) throws -> Int64 {
        guard try find(db, storeID: coupon.storeID, code: coupon.code) == nil else { throw CouponMessages.codeTaken }
        return try db.insert(
            """
            INSERT INTO invoice_coupons (store_id, code, kind, value, currency, starts_at, ends_at, usage_limit, used, disabled,
                created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id
            """,
            arguments: [
                coupon.storeID, coupon.code, coupon.kind.rawValue, coupon.value, coupon.currency?.code, coupon.startsAt, coupon.endsAt,
                coupon.usageLimit, coupon.disabled, coupon.createdAt, coupon.updatedAt,
            ])
    }

    /// Saves a changed coupon; its uses are never changed here.
    static func update(_ db: Database, _ coupon: Coupon) throws {
        try db.execute(
            """
            UPDATE invoice_coupons SET kind = ?, value = ?, currency = ?, starts_at = ?, ends_at = ?, usage_limit = ?, disabled = ?,
                updated_at = ? WHERE id = ? AND store_id = ?
            """,
            arguments: [
                coupon.kind.rawValue, coupon.value, coupon.currency?.code, coupon.startsAt, coupon.endsAt, coupon.usageLimit,
                coupon.disabled, coupon.updatedAt, coupon.id, coupon.storeID,
            ])
    }

    /// Counts one use, unless the coupon is disabled or its limit is reached; answers whether it
    /// was counted.
    static func claim(_ db: Database, id: Int64) throws -> Bool {
        try db.execute(
            "UPDATE invoice_coupons SET used = used + 1 WHERE id = ? AND disabled = 0 AND (usage_limit IS NULL OR used < usage_limit)", id)
        return db.changes == 1
    }

    /// Gives a use back (an invoice changed to another coupon or to none).
    static func release(_ db: Database, id: Int64) throws {
        try db.execute("UPDATE invoice_coupons SET used = used - 1 WHERE id = ? AND used > 0", id)
    }

    static func coupon(_ row: Row) throws -> Coupon {
        let id: Int64 = try row.require("id")
        let currencyCode: String? = try row.optional("currency")
        return Coupon(
            id: id, storeID: try row.require("store_id"), code: try row.require("code"), kind: try row.decode("kind"),
            value: try row.require("value"), currency: currencyCode.flatMap(Currency.init), startsAt: try row.optional("starts_at"),
            endsAt: try row.optional("ends_at"), usageLimit: try row.optional("usage_limit"), used: try row.require("used"),
            disabled: try row.require("disabled"), createdAt: try row.require("created_at"), updatedAt: try row.require("updated_at"))
    }
}
