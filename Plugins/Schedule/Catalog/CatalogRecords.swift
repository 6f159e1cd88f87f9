import Foundation
import PluginSDK

/// SQL for customers and items, always scoped to one store.
enum CatalogRecords {
    /// A new code for rows created without one: `C` or `I` and 10 hex digits.
    static func newCode(_ prefix: String) -> String {
        prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).uppercased()
    }

    static func customer(_ db: Database, storeID: Int64, code: String) throws -> Customer? {
        guard let row = try db.queryOne("SELECT * FROM schedule_customers WHERE store_id = ? AND code = ?", storeID, code) else { return nil }
        return try customer(db, row: row)
    }

    static func customer(_ db: Database, id: Int64) throws -> Customer? {
        guard let row = try db.queryOne("SELECT * FROM schedule_customers WHERE id = ?", id) else { return nil }
        return try customer(db, row: row)
    }

    static func customer(_ db: Database, row: Row) throws -> Customer {
        let id = row.int64("id") ?? 0
        let tags = try db.query("SELECT tag FROM schedule_customer_tags WHERE customer_id = ? ORDER BY tag", id).compactMap { $0.string("tag") }
        return customer(row, tags: tags)
    }

    /// A customer as the scheduler invoices and notifies them: without the tags, which neither uses.
    static func recipient(_ db: Database, id: Int64) throws -> Customer? {
        try db.queryOne("SELECT id, code, name, email, phone, language FROM schedule_customers WHERE id = ?", id).map { customer($0, tags: []) }
    }

    private static func customer(_ row: Row, tags: [String]) -> Customer {
        Customer(
            id: row.int64("id") ?? 0, code: row.string("code") ?? "", name: row.string("name") ?? "", email: row.string("email"),
            phone: row.string("phone"), language: Language(rawValue: row.string("language") ?? "") ?? .en, tags: tags)
    }

    static func insert(_ db: Database, storeID: Int64, customer: Customer, now: Int64) throws -> Int64 {
        guard try db.queryOne("SELECT 1 FROM schedule_customers WHERE store_id = ? AND code = ?", storeID, customer.code) == nil else {
            throw ScheduleMessages.codeTaken
        }
        let id = try db.insert(
            "INSERT INTO schedule_customers (store_id, code, name, email, phone, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            storeID, customer.code, customer.name, customer.email, customer.phone, customer.language.rawValue, now, now)
        try setTags(db, storeID: storeID, customerID: id, tags: customer.tags)
        return id
    }

    static func update(_ db: Database, storeID: Int64, customer: Customer, now: Int64) throws {
        try db.execute(
            "UPDATE schedule_customers SET name = ?, email = ?, phone = ?, language = ?, updated_at = ? WHERE id = ? AND store_id = ?",
            customer.name, customer.email, customer.phone, customer.language.rawValue, now, customer.id, storeID)
        try setTags(db, storeID: storeID, customerID: customer.id, tags: customer.tags)
    }

    private static func setTags(_ db: Database, storeID: Int64, customerID: Int64, tags: [String]) throws {
        try db.execute("DELETE FROM schedule_customer_tags WHERE customer_id = ?", customerID)
        for tag in Set(tags) {
            try db.execute("INSERT INTO schedule_customer_tags (customer_id, store_id, tag) VALUES (?, ?, ?)", customerID, storeID, tag)
        }
    }

    /// Customers of a store by code; answers the found ones and the codes that name nobody.
    static func customers(_ db: Database, storeID: Int64, codes: [String]) throws -> (found: [Customer], unknown: [String]) {
        var found: [Customer] = []
        var unknown: [String] = []
        for code in codes {
            if let customer = try customer(db, storeID: storeID, code: code) { found.append(customer) } else { unknown.append(code) }
        }
        return (found, unknown)
    }

    /// Ids of the store's customers carrying any of `tags`.
    static func customerIDs(_ db: Database, storeID: Int64, tags: [String]) throws -> [Int64] {
        var ids: [Int64] = []
        for tag in tags {
            for row in try db.query("SELECT customer_id FROM schedule_customer_tags WHERE store_id = ? AND tag = ? ORDER BY customer_id", storeID, tag) {
                if let id = row.int64("customer_id"), !ids.contains(id) { ids.append(id) }
            }
        }
        return ids
    }

    static func item(_ db: Database, storeID: Int64, code: String) throws -> CatalogItem? {
        try db.queryOne("SELECT * FROM schedule_items WHERE store_id = ? AND code = ?", storeID, code).map(item)
    }

    static func item(_ row: Row) -> CatalogItem {
        CatalogItem(
            id: row.int64("id") ?? 0, code: row.string("code") ?? "", title: row.string("title") ?? "",
            description: row.string("description") ?? "", amount: row.string("amount") ?? "0", haveTax: row.bool("have_tax"))
    }
}
