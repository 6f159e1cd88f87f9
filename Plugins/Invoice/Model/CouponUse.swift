import PluginSDK

/// The coupons an invoice's lines name, found in the store's catalog and checked: PayPing names
/// one per product (`couponCode`), Sell.app one per invoice (`coupon_id`; here also
/// `coupon_code`), which applies to every line naming none. An invoice takes one coupon.
enum CouponUse {
    /// `lines` with their coupon attached, and that coupon. Unknown codes are refused naming
    /// them; a coupon that cannot be used now is refused saying why, or with `dropUnusable`
    /// left out of the lines. `holding` is a coupon the invoice already counts a use of.
    static func apply(
        _ lines: [LineInput], invoiceCoupon: String?, storeID: Int64, currency: Currency, now: Int64, dropUnusable: Bool,
        holding: Int64? = nil, db: Database
    ) throws -> (lines: [LineInput], coupon: Coupon?) {
        var lines = lines
        if let invoiceCoupon, !invoiceCoupon.isEmpty {
            for index in lines.indices where lines[index].couponCode.isEmpty { lines[index].couponCode = invoiceCoupon }
        }
        let codes = lines.map(\.couponCode).filter { !$0.isEmpty }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard let code = codes.first else { return (lines, nil) }
        guard codes.count == 1 else { throw CouponMessages.oneCoupon }
        guard var coupon = try CouponRecords.find(db, storeID: storeID, code: code) else { throw CouponMessages.unknown("coupon_code", [code]) }
        if coupon.id == holding { coupon.used -= 1 }
        if let refusal = coupon.refusal(at: now, currency: currency) {
            guard dropUnusable else { throw refusal }
            for index in lines.indices { lines[index].couponCode = "" }
            return (lines, nil)
        }
        for index in lines.indices where !lines[index].couponCode.isEmpty { lines[index].coupon = coupon }
        return (lines, coupon)
    }

    /// The invoice-wide coupon a merchant names by `coupon_code` or by Sell.app's `coupon_id`;
    /// nil when neither is sent, "" when one is sent empty (no coupon).
    static func invoiceCoupon(_ params: Params, storeID: Int64, db: Database) throws -> String? {
        if let code = params.string("coupon_code") { return code }
        guard let value = params["coupon_id"], !value.isNull else { return nil }
        if value == .string("") { return "" }
        guard let id = value.intValue else { throw KernelError.badParameter("coupon_id", .malformed) }
        guard let coupon = try CouponRecords.find(db, storeID: storeID, id: id) else { throw CouponMessages.unknown("coupon_id", [String(id)]) }
        return coupon.code
    }
}
