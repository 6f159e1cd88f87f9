import PluginSDK
import Printing

/// Everything an invoice PDF shows, already in the reader's language and numerals. Two equal
/// values print the same bytes, so the value itself keys the PDF cache.
struct PrintedInvoice: Hashable, Sendable {
    /// A label and its value ("Invoice no.", "INV-2026-000042").
    struct Fact: Hashable, Sendable {
        let label: String
        let value: String
        /// Printed in bold (the grand total).
        var strong = false
    }

    /// One printed line of the items table, each cell ready to print.
    struct Row: Hashable, Sendable {
        let position: String
        let title: String
        /// Printed under the title, smaller and lighter; may be empty.
        var description = ""
        let quantity: String
        let unitPrice: String
        let discount: String
        let tax: String
        let amount: String
    }

    /// A receipt for money received, or a pro forma bill asking for it.
    enum Kind: Hashable, Sendable {
        case receipt, proForma
    }

    let kind: Kind
    let language: Language
    let direction: Direction
    var heading: String
    /// The store's logo, drawn above its name.
    var logo: PNGImage?
    var storeName: String
    var storeAddress: String
    /// "Tax ID 91310000MA1K..." under the address; empty when the store has none.
    var storeTaxID: String
    /// The invoice number as issued (for the file name and the PDF title).
    let number: String
    /// The pro forma banner ("UNPAID · ..."); empty on receipts.
    var notice: String
    var billToHeading: String
    /// The customer: name, email, address, location and country, tax id, whichever are known.
    var billTo: [String]
    var facts: [Fact]
    /// The tax-invoice application holding this order, when there is one.
    var application: [Fact]
    var applicationHeading: String
    var columns: Row
    var rows: [Row]
    var totals: [Fact]
    /// Where an unpaid invoice can be paid (its checkout URL, printed as a link).
    var payLink: Fact?
    var footer: String
    let pageLabel: String
    let continuedLabel: String
    /// ISO 8601 creation date written into the file (the invoice's last change).
    let date: String

    enum Direction: Hashable, Sendable {
        case leftToRight, rightToLeft
    }

    /// `<number>.pdf`; the dispatcher makes any file name safe for `Content-Disposition`.
    var fileName: String { number + ".pdf" }
}
