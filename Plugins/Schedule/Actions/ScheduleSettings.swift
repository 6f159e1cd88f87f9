import Contracts
import PluginSDK

/// `schedule/settings/view|save`: a store's weekend days for the working-day rule (Saturday and
/// Sunday unless set; e.g. `["friday"]` for Iran) and its reminder offsets in days from the due
/// date (negative before, positive after; default -3, 1, 7). A schedule keeps the weekend it was
/// created with; offsets apply to invoices created after the change.
enum ScheduleSettings {
    static let standardOffsets = [-3, 1, 7]

    static func weekend(_ db: Database, storeID: Int64) throws -> Set<Int> {
        guard let text = try db.queryOne("SELECT weekend FROM schedule_store_settings WHERE store_id = ?", storeID)?.string("weekend") else {
            return WeekendDays.standard
        }
        return WeekendDays.parse(text)
    }

    /// The store's time zone (the invoice plugin's store setting): a schedule's `timeZone` when
    /// its body names none.
    static func timeZone(_ db: Database, storeID: Int64, hooks: PluginHooks) throws -> String {
        try hooks.call(InvoiceService.timeZone, (), storeID: storeID, in: db)
    }

    static func reminderOffsets(_ db: Database, storeID: Int64) throws -> [Int] {
        guard let text = try db.queryOne("SELECT reminder_offsets FROM schedule_store_settings WHERE store_id = ?", storeID)?
            .string("reminder_offsets")
        else { return standardOffsets }
        return text.split(separator: ",").compactMap { Int($0) }
    }

    static func view(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let (days, offsets) = try await context.storage.read { db in
            (try weekend(db, storeID: storeID), try reminderOffsets(db, storeID: storeID))
        }
        return .ok(json(storeID, days, offsets))
    }

    static func save(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let names = try CatalogInput.tags(context.params, field: "weekend_days")
        var days: Set<Int>?
        if let names {
            var chosen: Set<Int> = []
            for name in names {
                guard let index = WeekendDays.names.firstIndex(of: name.lowercased()) else {
                    throw KernelError.badParameter("weekend_days", .notOneOf(WeekendDays.names))
                }
                chosen.insert(index + 1)
            }
            guard chosen.count < 7 else { throw KernelError.badParameter("weekend_days", .malformed) }
            days = chosen
        }
        let offsets = try offsets(context.params)
        let chosenDays = days
        let now = context.services.clock.unixSeconds()
        let (savedDays, savedOffsets) = try await context.storage.write { db -> (Set<Int>, [Int]) in
            let finalDays = try chosenDays ?? weekend(db, storeID: storeID)
            let finalOffsets = try offsets ?? reminderOffsets(db, storeID: storeID)
            try db.execute(
                """
                INSERT INTO schedule_store_settings (store_id, weekend, reminder_offsets, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (store_id) DO UPDATE SET weekend = excluded.weekend, reminder_offsets = excluded.reminder_offsets,
                    updated_at = excluded.updated_at
                """, storeID, WeekendDays.text(finalDays), finalOffsets.map(String.init).joined(separator: ","), now)
            return (finalDays, finalOffsets)
        }
        return .ok(json(storeID, savedDays, savedOffsets))
    }

    /// `reminder_offsets`: up to 10 whole days within -60...60.
    private static func offsets(_ params: Params) throws -> [Int]? {
        guard let value = params["reminder_offsets"], !value.isNull else { return nil }
        let items: [JSON]
        switch value {
        case .array(let array): items = array
        case .string(let text): items = text.split(separator: ",").map { .string(String($0)) }
        default: throw KernelError.badParameter("reminder_offsets", .malformed)
        }
        guard items.count <= 10 else { throw KernelError.badParameter("reminder_offsets", .outOfRange(0...10)) }
        var offsets: [Int] = []
        for item in items {
            guard let day = item.intValue, (-60...60).contains(day) else { throw KernelError.badParameter("reminder_offsets", .outOfRange(-60...60)) }
            if !offsets.contains(Int(day)) { offsets.append(Int(day)) }
        }
        return offsets.sorted()
    }

    private static func json(_ storeID: Int64, _ days: Set<Int>, _ offsets: [Int]) -> JSON {
        ["store_id": .int(storeID), "weekend_days": WeekendDays.json(days), "reminder_offsets": .array(offsets.map { .int(Int64($0)) })]
    }
}
