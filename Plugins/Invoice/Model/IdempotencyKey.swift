import Crypto
import PluginSDK

/// An idempotency key of `merchant/create` (`request_id` or the `Idempotency-Key` header): the
/// same key with the same parameters answers the invoice it first made; the same key with other
/// parameters is refused naming the key (as Stripe does). A key is kept for
/// `idempotency_key_hours` of the plugin config (default 24); after that it may be used again.
struct IdempotencyKey: Sendable {
    let key: String
    /// SHA-256 (hex) of the parameters the action reads, keys sorted, the key itself left out.
    let fingerprint: String

    /// Hours a key is kept when the config names none.
    static let defaultHours: Int64 = 24

    init(key: String, params: Params, declared: [Param]) {
        self.key = key
        var object = JSONObject()
        for param in declared where param.name != "request_id" {
            if let value = params[param.name], !value.isNull { object[param.name] = value }
        }
        let canonical = Self.canonical(.object(object)).serialized()
        fingerprint = SHA256.hash(data: canonical).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }

    /// The oldest creation time of an invoice whose key is still kept at `now`.
    static func keptSince(now: Int64, config: JSON) -> Int64 {
        let hours = config["idempotency_key_hours"]?.intValue ?? defaultHours
        return now - max(0, hours) * 3_600
    }

    /// The invoice this key already made, or nil; throws when it was made from other parameters.
    func existing(_ db: Database, storeID: Int64, now: Int64, config: JSON) throws -> Invoice? {
        guard let found = try InvoiceRecords.existing(db, storeID: storeID, requestID: key, keptSince: Self.keptSince(now: now, config: config))
        else { return nil }
        let (invoice, stored) = found
        if let stored, stored != fingerprint { throw InvoiceMessages.idempotencyKeyReused(key) }
        return invoice
    }

    /// `value` with every object's keys in sorted order, so the same parameters give the same text.
    private static func canonical(_ value: JSON) -> JSON {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.sorted { $0.key < $1.key }.map { ($0.key, canonical($0.value)) }))
        case .array(let items):
            return .array(items.map(canonical))
        default:
            return value
        }
    }
}
