import PluginSDK

/// `coupon/create|list|update|disable`: a store's coupon catalog (API key scope `invoices`, or
/// admins). A coupon is a percent or a fixed amount off each line that names it, usable from
/// `starts_at` until `ends_at`, at most `usage_limit` times (one use per invoice). Its code never
/// changes; a disabled coupon is kept (invoices name it) and can be enabled again by `update`.
enum CouponActions {
    static let codeCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."

    static func create(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let code = try params.requiredString("code")
        guard code.count <= 64, code.allSatisfy({ codeCharacters.contains($0) }) else { throw KernelError.badParameter("code", .malformed) }
        let kindName = try params.requiredString("type")
        guard let kind = Coupon.Kind(rawValue: kindName) else { throw KernelError.badParameter("type", .notOneOf(Coupon.Kind.allCases.map(\.rawValue))) }
        let window = try Window(params)
        let usageLimit = try params.int("usage_limit")
        let coupon = try await context.storage.write { db -> Coupon in
            let merchant = try MerchantContext(context, db: db)
            let currency = try currency(params, kind: kind, fallback: merchant.settings.currency)
            var coupon = Coupon(
                id: 0, storeID: merchant.storeID, code: code, kind: kind, value: try value(params, kind: kind, currency: currency, required: true)!,
                currency: kind == .fixed ? currency : nil, startsAt: window.startsAt ?? nil, endsAt: window.endsAt ?? nil,
                usageLimit: usageLimit, used: 0, disabled: false, createdAt: merchant.now, updatedAt: merchant.now)
            try window.check(coupon)
            let id = try CouponRecords.insert(db, coupon)
            coupon = try CouponRecords.find(db, storeID: merchant.storeID, id: id) ?? coupon
            return coupon
        }
        return .ok(coupon.json)
    }

    static func list(_ context: ActionContext) async throws -> Reply {
        let page = try context.params.int("page") ?? 1
        let size = try context.params.int("page_size") ?? 20
        let (coupons, total) = try await context.storage.read { db in
            try CouponRecords.list(db, storeID: try context.storeID(in: db), limit: size, offset: (page - 1) * size)
        }
        return .ok(["page": .int(page), "page_size": .int(size), "total": .int(total), "items": .array(coupons.map(\.json))])
    }

    /// Changes what is sent: `type` with `value`, `currency`, the window (empty text clears a
    /// bound), `usage_limit` (0 clears it; never below the uses made), `disabled`.
    static func update(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let code = try params.requiredString("code")
        let kind = try params.string("type").map {
            guard let kind = Coupon.Kind(rawValue: $0) else { throw KernelError.badParameter("type", .notOneOf(Coupon.Kind.allCases.map(\.rawValue))) }
            return kind
        }
        let window = try Window(params)
        let usageLimit = try params.int("usage_limit")
        let disabled = try params.bool("disabled")
        let coupon = try await change(context, code: code) { coupon, merchant in
            let newKind = kind ?? coupon.kind
            if kind != nil || params["value"] != nil || params["currency"] != nil {
                let currency = try currency(params, kind: newKind, fallback: coupon.currency ?? merchant.settings.currency)
                let sameUnit = newKind == coupon.kind && (newKind == .percent || currency == coupon.currency)
                let value = try value(params, kind: newKind, currency: currency, required: !sameUnit) ?? coupon.value
                coupon.kind = newKind
                coupon.value = value
                coupon.currency = newKind == .fixed ? currency : nil
            }
            if let startsAt = window.startsAt { coupon.startsAt = startsAt }
            if let endsAt = window.endsAt { coupon.endsAt = endsAt }
            try window.check(coupon)
            if let usageLimit {
                guard usageLimit == 0 || usageLimit >= coupon.used else { throw CouponMessages.limitBelowUsed(coupon.used) }
                coupon.usageLimit = usageLimit == 0 ? nil : usageLimit
            }
            if let disabled { coupon.disabled = disabled }
        }
        return .ok(coupon.json)
    }

    /// Stops a coupon from being used; invoices that used it keep it.
    static func disable(_ context: ActionContext) async throws -> Reply {
        let coupon = try await change(context, code: try context.params.requiredString("code")) { coupon, _ in coupon.disabled = true }
        return .ok(coupon.json)
    }

    private static func change(
        _ context: ActionContext, code: String, _ body: @escaping @Sendable (inout Coupon, MerchantContext) throws -> Void
    ) async throws -> Coupon {
        try await context.storage.write { db -> Coupon in
            let merchant = try MerchantContext(context, db: db)
            guard var coupon = try CouponRecords.find(db, storeID: merchant.storeID, code: code) else { throw KernelError.notFound }
            try body(&coupon, merchant)
            coupon.updatedAt = merchant.now
            try CouponRecords.update(db, coupon)
            return coupon
        }
    }

    /// `value`: a percent above 0 and at most 100 (two decimals, kept in basis points), or an
    /// amount above 0 in `currency`.
    private static func value(_ params: Params, kind: Coupon.Kind, currency: Currency, required: Bool) throws -> Int64? {
        guard let raw = params["value"], !raw.isNull, raw != .string("") else {
            if required { throw KernelError.badParameter("value", .missing) }
            return nil
        }
        switch kind {
        case .percent:
            guard let percent = Money.parse(raw, currency: Currency("USD")!), (1...10_000).contains(percent.minorUnits) else {
                throw KernelError.badParameter("value", .outOfRange(0...100))
            }
            return percent.minorUnits
        case .fixed:
            guard let amount = Money.parse(raw, currency: currency), (1...1_000_000_000_000).contains(amount.minorUnits) else {
                throw KernelError.badParameter("value", .malformed)
            }
            return amount.minorUnits
        }
    }

    private static func currency(_ params: Params, kind: Coupon.Kind, fallback: Currency) throws -> Currency {
        guard let code = params.string("currency"), !code.isEmpty else { return fallback }
        guard let currency = Currency(code) else { throw KernelError.badParameter("currency", .malformed) }
        return currency
    }

    /// `starts_at` and `ends_at` as sent: absent (nil), cleared (`.some(nil)`) or a time.
    private struct Window {
        let startsAt: Int64??
        let endsAt: Int64??

        init(_ params: Params) throws {
            startsAt = params["starts_at"] == nil ? nil : .some(try InvoiceInput.time(params, "starts_at"))
            endsAt = params["ends_at"] == nil ? nil : .some(try InvoiceInput.time(params, "ends_at"))
        }

        func check(_ coupon: Coupon) throws {
            if let start = coupon.startsAt, let end = coupon.endsAt, end <= start { throw CouponMessages.windowReversed }
        }
    }
}
