import PluginSDK

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
        let quantity: String
        let unitPrice: String
        let discount: String
        let tax: String
        let amount: String
    }

    let language: Language
    let direction: Direction
    var heading: String
    var storeName: String
    var storeAddress: String
    /// The invoice number as issued (for the file name and the PDF title).
    let number: String
    var facts: [Fact]
    /// The tax-invoice application holding this order, when there is one.
    var application: [Fact]
    var applicationHeading: String
    var columns: Row
    var rows: [Row]
    var totals: [Fact]
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
