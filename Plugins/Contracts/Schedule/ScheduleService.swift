import PluginSDK

/// What the schedule plugin offers other plugins (the copy plugin), inside the caller's write.
public enum ScheduleService {
    /// Customers by code: those found and the codes that are unknown.
    public static let customers = ServicePoint<[String], CustomerLookup>("schedule.customers")
    /// A new schedule from a PayPing `/v2/invoice/Schedule` body (its documented JSON shape).
    public static let create = ServicePoint<ScheduleDraft, CreatedSchedule>("schedule.create")
    /// One new schedule per customer with the original's body, starting at `sendDate`; nil when
    /// the store has no schedule with that code.
    public static let copy = ServicePoint<ScheduleCopy, [CreatedSchedule]?>("schedule.copy")
}

/// What `create` makes a schedule of.
public struct ScheduleDraft: Sendable, Equatable {
    /// A PayPing `/v2/invoice/Schedule` body.
    public let body: JSONObject
    /// The invoice whose lines `products` repeats (a copy of an invoice): their codes are that
    /// invoice's and need not be catalog items. Nil for a new body, whose codes must be.
    public let linesFrom: String?

    public init(body: JSONObject, linesFrom: String? = nil) {
        self.body = body
        self.linesFrom = linesFrom
    }
}

/// The answer of `customers`.
public struct CustomerLookup: Sendable, Equatable {
    /// The codes found, in the order asked.
    public let found: [String]
    /// The codes no customer of the store has.
    public let unknown: [String]

    public init(found: [String], unknown: [String]) {
        self.found = found
        self.unknown = unknown
    }
}

/// A schedule made by `create` or `copy`, as the merchant API answers it.
public struct CreatedSchedule: Sendable, Equatable {
    public let code: String
    public let json: JSON

    public init(code: String, json: JSON) {
        self.code = code
        self.json = json
    }
}

/// What `copy` copies where.
public struct ScheduleCopy: Sendable, Equatable {
    public let code: String
    /// ISO 8601, as PayPing sends it.
    public let sendDate: String
    public let customerCodes: [String]

    public init(code: String, sendDate: String, customerCodes: [String]) {
        self.code = code
        self.sendDate = sendDate
        self.customerCodes = customerCodes
    }
}
