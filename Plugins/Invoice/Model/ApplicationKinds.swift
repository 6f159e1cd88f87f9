/// Where a tax-invoice application is (ShopXO's `status` numbers): pending review, then to be
/// issued (approved) and issued; or refused, which the applicant may edit back to pending.
/// Closed applications are kept for the record.
enum ApplicationStatus: Int64, Sendable, CaseIterable {
    case pending = 0
    case toBeIssued = 1
    case issued = 2
    case refused = 3
    case closed = 4

    /// A live application holds its orders; refused and closed ones release them.
    var isLive: Bool { self == .pending || self == .toBeIssued || self == .issued }

    /// The applicant may still edit or delete it.
    var isEditable: Bool { self == .pending || self == .refused }
}

/// Who applies (ShopXO's `apply_type`): a person or a company.
enum ApplyType: Int64, Sendable, CaseIterable {
    case personal = 0
    case enterprise = 1
}

/// The tax invoice asked for (ShopXO's `invoice_type`): VAT normal or special, electronic or paper.
enum TaxInvoiceType: Int64, Sendable, CaseIterable {
    case normalElectronic = 0
    case normalPaper = 1
    case specialPaper = 2
    case specialElectronic = 3

    /// Sent by email as a file; the others are posted.
    var isElectronic: Bool { self == .normalElectronic || self == .specialElectronic }

    /// A VAT special invoice: companies only, with their bank and registration details.
    var isSpecial: Bool { self == .specialPaper || self == .specialElectronic }
}
