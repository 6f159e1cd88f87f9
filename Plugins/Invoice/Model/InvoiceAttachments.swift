import PluginSDK

/// The attachments an invoice lists and whether the customer gets them only once it is paid
/// (PayPing's `sendAttachmentsAfterSuccessPayment`). Read for one invoice's own answers (merchant
/// view, hosted page), never for lists.
struct InvoiceAttachments: Sendable, Equatable {
    let items: [Attachment]
    let afterPayment: Bool

    /// Whether the customer may see and download them now.
    func available(_ status: InvoiceStatus) -> Bool {
        !afterPayment || status.isPaid
    }

    /// What the merchant API adds to an invoice's answer.
    var merchantJSON: JSONObject {
        ["attachments": .array(items.map(\.summary)), "send_attachments_after_payment": .bool(afterPayment && !items.isEmpty)]
    }

    /// What the hosted page shows: the attachments the customer may download now, and how many
    /// more the payment will give.
    func hostedJSON(_ status: InvoiceStatus) -> JSONObject {
        let open = available(status)
        return ["attachments": .array(open ? items.map(\.summary) : []), "attachments_after_payment": .int(open ? 0 : Int64(items.count))]
    }
}
