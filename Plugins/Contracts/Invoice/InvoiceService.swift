import PluginSDK

/// What the invoice plugin offers other plugins. Each point runs inside the caller's write, so
/// an invoice created for a schedule commits or rolls back with the schedule's own rows, and the
/// events it publishes belong to that write.
public enum InvoiceService {
    /// A new pending invoice, numbered by the store's pattern; the same `requestID` answers the
    /// invoice already created with it.
    public static let create = ServicePoint<InvoiceDraft, CreatedInvoice>("invoice.create")
    /// What an invoice of these lines would cost in the store (its currency and tax rule), with
    /// nothing created.
    public static let quote = ServicePoint<InvoiceQuoteRequest, InvoiceQuote>("invoice.quote")
    /// An invoice's lines by number, as drafts to bill again; nil when the store has none.
    public static let lines = ServicePoint<InvoiceReference, InvoiceLines?>("invoice.lines")
    /// An invoice's number and status by id; nil when the store has none.
    public static let status = ServicePoint<InvoiceID, InvoiceState?>("invoice.status")
    /// The store's IANA time zone (its `time_zone` setting, else the server's), in which its
    /// people read dates.
    public static let timeZone = ServicePoint<Void, String>("invoice.time_zone")
    /// Checks that every id names an attachment of the store (`attachment/upload`); throws a
    /// -5000 error naming the unknown ones (another store's ids are unknown). Answers the ids
    /// as numbers, in order, without repeats.
    public static let attachments = ServicePoint<AttachmentIDs, [Int64]>("invoice.attachments")
}

/// Attachment ids as a caller received them (PayPing sends them as text), and the field they
/// came in, for the error message.
public struct AttachmentIDs: Sendable, Equatable {
    public let ids: [String]
    public let field: String

    public init(_ ids: [String], field: String) {
        self.ids = ids
        self.field = field
    }
}

/// One product line as other plugins hand it in (PayPing's product shape).
public struct InvoiceLineDraft: Sendable, Equatable {
    public var code: String
    public var title: String
    public var description: String
    public var haveTax: Bool
    public var quantity: Int64
    /// Unit price as decimal text in the invoice's currency ("250000", "12.50").
    public var amount: String
    /// With `discountType` 0 a percent ("10" is 10%), with 1 an amount in the currency.
    public var discountAmount: String
    /// 0 percent, 1 fixed amount.
    public var discountType: Int64
    /// A coupon of the store's catalog applied to this line (empty: none).
    public var couponCode: String

    public init(
        code: String = "", title: String, description: String = "", haveTax: Bool = false, quantity: Int64 = 1, amount: String,
        discountAmount: String = "0", discountType: Int64 = 0, couponCode: String = ""
    ) {
        self.code = code
        self.title = title
        self.description = description
        self.haveTax = haveTax
        self.quantity = quantity
        self.amount = amount
        self.discountAmount = discountAmount
        self.discountType = discountType
        self.couponCode = couponCode
    }
}

/// Who an invoice is for, in Sell.app's `customer_information` terms.
public struct InvoiceCustomer: Sendable, Equatable {
    /// The customer's id in the calling system (a schedule's customer code).
    public var id: String?
    public var email: String?

    public init(id: String? = nil, email: String? = nil) {
        self.id = id
        self.email = email
    }
}

/// An invoice to create.
public struct InvoiceDraft: Sendable, Equatable {
    /// Idempotency: a second create with the same id answers the first invoice.
    public var requestID: String?
    public var customer: InvoiceCustomer
    /// The store's currency when nil.
    public var currency: String?
    public var lines: [InvoiceLineDraft]
    /// Shown to the customer (PayPing's notes).
    public var feedback: String?
    /// A line's coupon that can no longer be used (ended, used up, disabled, deleted) is left
    /// out and the line billed without it, instead of refusing the invoice: a schedule's later
    /// occurrences.
    public var dropUnusableCoupons: Bool
    /// Ids of the store's attachments the customer is given with the invoice.
    public var attachments: [Int64]
    /// True: the customer sees the attachments only once the invoice is paid (PayPing's
    /// `sendAttachmentsAfterSuccessPayment`).
    public var attachmentsAfterPayment: Bool
    /// An attachment deleted since the ids were checked is left out instead of refusing the
    /// invoice: a schedule's later occurrences.
    public var dropMissingAttachments: Bool

    public init(
        requestID: String?, customer: InvoiceCustomer, currency: String?, lines: [InvoiceLineDraft], feedback: String? = nil,
        dropUnusableCoupons: Bool = false, attachments: [Int64] = [], attachmentsAfterPayment: Bool = false,
        dropMissingAttachments: Bool = false
    ) {
        self.requestID = requestID
        self.customer = customer
        self.currency = currency
        self.lines = lines
        self.feedback = feedback
        self.dropUnusableCoupons = dropUnusableCoupons
        self.attachments = attachments
        self.attachmentsAfterPayment = attachmentsAfterPayment
        self.dropMissingAttachments = dropMissingAttachments
    }
}

/// The invoice `create` made (or found by its request id).
public struct CreatedInvoice: Sendable, Equatable {
    public let id: Int64
    public let number: String
    public let currency: String
    /// The total as decimal text ("225000.00").
    public let total: String

    public init(id: Int64, number: String, currency: String, total: String) {
        self.id = id
        self.number = number
        self.currency = currency
        self.total = total
    }
}

/// Lines to price; their coupons are checked (as of now) but not used.
public struct InvoiceQuoteRequest: Sendable, Equatable {
    public var currency: String?
    public var lines: [InvoiceLineDraft]

    public init(currency: String?, lines: [InvoiceLineDraft]) {
        self.currency = currency
        self.lines = lines
    }
}

/// What lines cost, in minor units of `currency`.
public struct InvoiceQuote: Sendable, Equatable {
    /// One line: quantity times price, its own discount, its coupon's discount, its tax, and
    /// what it costs.
    public struct Line: Sendable, Equatable {
        public let gross: Int64
        public let discount: Int64
        public let coupon: Int64
        public let vat: Int64
        public let total: Int64

        public init(gross: Int64, discount: Int64, coupon: Int64 = 0, vat: Int64, total: Int64) {
            self.gross = gross
            self.discount = discount
            self.coupon = coupon
            self.vat = vat
            self.total = total
        }
    }

    public let currency: String
    /// Decimal places of the currency's minor unit.
    public let exponent: Int
    public let lines: [Line]
    public let original: Int64
    public let vat: Int64
    public let total: Int64

    public init(currency: String, exponent: Int, lines: [Line], original: Int64, vat: Int64, total: Int64) {
        self.currency = currency
        self.exponent = exponent
        self.lines = lines
        self.original = original
        self.vat = vat
        self.total = total
    }
}

/// An invoice named by its number.
public struct InvoiceReference: Sendable, Equatable {
    public let number: String
    public init(number: String) { self.number = number }
}

/// An invoice named by its id.
public struct InvoiceID: Sendable, Equatable {
    public let id: Int64
    public init(_ id: Int64) { self.id = id }
}

/// An invoice's lines as drafts, with its currency, feedback and attachments; nothing of its
/// payment.
public struct InvoiceLines: Sendable, Equatable {
    public let number: String
    public let currency: String
    public let feedback: String?
    public let lines: [InvoiceLineDraft]
    /// Ids of the attachments it lists.
    public let attachments: [Int64]
    /// Whether they are shown only after payment.
    public let attachmentsAfterPayment: Bool

    public init(
        number: String, currency: String, feedback: String?, lines: [InvoiceLineDraft], attachments: [Int64] = [],
        attachmentsAfterPayment: Bool = false
    ) {
        self.number = number
        self.currency = currency
        self.feedback = feedback
        self.lines = lines
        self.attachments = attachments
        self.attachmentsAfterPayment = attachmentsAfterPayment
    }
}

/// An invoice's number and status (`pending`, `paid`, ...).
public struct InvoiceState: Sendable, Equatable {
    public let number: String
    public let status: String

    public init(number: String, status: String) {
        self.number = number
        self.status = status
    }

    /// Still waiting for payment.
    public var isPending: Bool { status == "pending" }
}
