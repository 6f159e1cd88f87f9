import PluginSDK

/// What one scheduler write needs again for many occurrences - a store's message templates and
/// reminder offsets - read once per write, inside it (so never staler than the transaction).
final class TickLookups {
    private struct TemplateKey: Hashable {
        let storeID: Int64
        let kind: MessageTemplate.Kind
        let language: Language
    }

    private let db: Database
    private var templates: [TemplateKey: MessageTemplate] = [:]
    private var offsets: [Int64: [Int]] = [:]

    init(_ db: Database) {
        self.db = db
    }

    /// The store's template of `kind` in `language`, or the built-in one.
    func template(storeID: Int64, kind: MessageTemplate.Kind, language: Language) throws -> MessageTemplate {
        let key = TemplateKey(storeID: storeID, kind: kind, language: language)
        if let known = templates[key] { return known }
        let template = try MessageTemplate.load(db, storeID: storeID, kind: kind, language: language)
        templates[key] = template
        return template
    }

    /// The store's reminder offsets, in days from an invoice's due date.
    func reminderOffsets(storeID: Int64) throws -> [Int] {
        if let known = offsets[storeID] { return known }
        let found = try ScheduleSettings.reminderOffsets(db, storeID: storeID)
        offsets[storeID] = found
        return found
    }
}
