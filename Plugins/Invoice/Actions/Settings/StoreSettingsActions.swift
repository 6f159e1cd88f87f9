import PluginSDK

/// `settings/view` and `settings/save` (admin): a store's currency, tax, numbering, real-money
/// gateways, webhook secrets, what its PDFs print (name, address, tax id, logo, language,
/// calendar) and its IANA time zone (`time_zone`). Gateway secrets are write-only: views show
/// only whether one is set; the signing secret of outgoing invoice webhooks is shown, since
/// receivers must check it. The logo is shown as `store_logo`: null, or its size and a data URL.
enum StoreSettingsActions {
    static func view(_ context: ActionContext) async throws -> Reply {
        let (storeID, settings, logo) = try await context.storage.read { db in
            let storeID = try context.storeID(in: db)
            return (storeID, try SettingsRecords.load(db, storeID: storeID, context: context), try SettingsRecords.logo(db, storeID: storeID))
        }
        return answer(storeID: storeID, settings: settings, logo: logo)
    }

    static func save(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        if let code = params.string("currency"), Currency(code) == nil { throw KernelError.badParameter("currency", .malformed) }
        if let rate = try params.int("tax_rate_bp"), !(0...100_000).contains(rate) {
            throw KernelError.badParameter("tax_rate_bp", .outOfRange(0...100_000))
        }
        if let pattern = params.string("number_pattern"), !NumberPattern(pattern: pattern).isValid {
            throw KernelError.badParameter("number_pattern", .malformed)
        }
        if let language = params.string("pdf_language"), !language.isEmpty, Language(rawValue: language) == nil {
            throw KernelError.badParameter("pdf_language", .notOneOf(Language.allCases.map(\.rawValue)))
        }
        if let calendar = params.string("pdf_calendar"), !calendar.isEmpty, PDFCalendar(rawValue: calendar) == nil {
            throw KernelError.badParameter("pdf_calendar", .notOneOf(PDFCalendar.allCases.map(\.rawValue)))
        }
        if let zone = params["time_zone"], !zone.isNull, zone.stringValue.flatMap(TimeZoneRules.named) == nil {
            throw KernelError.badParameter("time_zone", .malformed)
        }
        var changes = JSONObject()
        for key in ["currency", "tax_rate_bp", "tax_inclusive", "number_pattern", "yearly_reset", "real_money_gateways",
            "stripe_webhook_secret", "paypal_webhook_secret", "webhook_signing_secret", "store_name", "store_address", "store_tax_id", "pdf_language",
            "pdf_calendar", "time_zone"]
        {
            if let value = params[key], !value.isNull { changes[key] = value }
        }
        if let gateways = changes["real_money_gateways"] {
            let names = gateways.arrayValue?.compactMap(\.stringValue) ?? (gateways.stringValue ?? "").split(separator: ",").map(String.init)
            guard names.allSatisfy(PluginNames.isValidGateway) else { throw KernelError.badParameter("real_money_gateways", .malformed) }
            changes["real_money_gateways"] = .array(names.map { .string($0) })
        }
        let logoChange = try params["store_logo"].flatMap { $0.isNull ? nil : try StoreLogo.change(from: $0) }
        let update = changes
        let now = context.now
        let (storeID, settings, logo) = try await context.storage.write { db in
            let storeID = try context.storeID(in: db)
            let current = try SettingsRecords.load(db, storeID: storeID, context: context)
            let settings = StoreSettings(json: .object(update), base: current)
            let logo = try SettingsRecords.save(db, storeID: storeID, settings: settings, logo: logoChange, now: now, services: context.services)
            return (storeID, settings, logo)
        }
        return answer(storeID: storeID, settings: settings, logo: logo)
    }

    /// `settings/timezone` (public): the store's zone and its offset now, so that a page can show
    /// the merchant API's UTC times as the store's people read them.
    static func timeZone(_ context: ActionContext) async throws -> Reply {
        let (storeID, zone) = try await context.storage.read { db in
            let storeID = try context.storeID(in: db)
            return (storeID, try SettingsRecords.load(db, storeID: storeID, context: context).timeZone)
        }
        let now = context.now
        return .ok([
            "store_id": .int(storeID), "time_zone": .string(zone.identifier), "offset": .string(zone.offsetText(at: now)),
            "offset_seconds": .int(zone.offset(at: now)),
        ])
    }

    private static func answer(storeID: Int64, settings: StoreSettings, logo: StoreLogo?) -> Reply {
        var shown = settings.json(revealSecrets: false).objectValue ?? JSONObject()
        shown["store_logo"] = logo?.json ?? .null
        return .ok(["store_id": .int(storeID), "settings": .object(shown)])
    }
}
