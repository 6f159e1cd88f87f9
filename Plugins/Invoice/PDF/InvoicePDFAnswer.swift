import Kernel
import Storage

/// What the PDF actions share: an invoice paid with real money prints as a receipt; merchants
/// and admins (`proFormaAllowed`) also print an unpaid invoice that can still be paid, as a
/// pro forma bill; anything else answers -1. The language comes from `lang`, else the store's
/// `pdf_language`, else the request; the calendar from `calendar`, else the store's
/// `pdf_calendar`, else Jalali for Persian. Filters of the `invoice.pdf_data` hook may change
/// what is printed (the cache keys on the result).
enum InvoicePDFAnswer {
    static let params: [Param] = [
        .boolean("download", "1 to download (attachment), otherwise shown inline"),
        .string("calendar", maxLength: 9, allowed: PDFCalendar.allCases.map(\.rawValue), "Dates in the gregorian or persian calendar"),
    ]

    static func reply(
        _ context: ActionContext, invoice: Invoice, settings: StoreSettings, printer: InvoicePrinter, proFormaAllowed: Bool = false
    ) async throws -> Reply {
        let kind = try kind(of: invoice, settings: settings, proFormaAllowed: proFormaAllowed, now: context.services.clock.unixSeconds())
        let params = context.params
        let language = params.string("lang").flatMap(Language.init(parameter:)) ?? settings.pdfLanguage ?? context.language
        let calendar = params.string("calendar").flatMap(PDFCalendar.init(rawValue:))
            ?? settings.pdfCalendar ?? (language == .fa ? .persian : .gregorian)
        var customerName: String?
        if let userID = invoice.userID { customerName = try await context.services.accounts.user(id: userID)?.name }
        let invoiceID = invoice.id
        let storeID = invoice.storeID
        let (application, logo) = try await context.storage.read { db in
            (try ApplicationRecords.latest(db, holding: invoiceID), try SettingsRecords.logo(db, storeID: storeID))
        }
        var printed = PrintedInvoice(
            invoice: invoice, kind: kind, settings: settings, logo: logo?.image, customerName: customerName,
            application: application, language: language, calendar: calendar)
        let hooks = context.services.hooks
        if hooks.hasFilters(.invoicePDFData) { printed = printed.applying(await hooks.apply(.invoicePDFData, to: printed.json)) }
        let cacheBytes = context.config["pdf_cache_bytes"]?.intValue.map(Int.init) ?? InvoicePrinter.defaultCacheBytes
        let bytes = try await printer.pdf(printed, cacheBytes: max(0, cacheBytes))
        return .file(
            Reply.File(
                bytes: bytes, contentType: "application/pdf", fileName: printed.fileName,
                download: try params.bool("download") ?? false))
    }

    /// A receipt for an invoice paid with real money; a pro forma bill for a pending invoice that
    /// has not expired, when the caller may print one; otherwise the refusal the caller's side gives.
    private static func kind(of invoice: Invoice, settings: StoreSettings, proFormaAllowed: Bool, now: Int64) throws -> PrintedInvoice.Kind {
        if invoice.isPaidWithRealMoney(gateways: settings.realMoneyGateways) { return .receipt }
        guard proFormaAllowed else { throw InvoiceMessages.notRealMoney(gateways: settings.realMoneyGateways) }
        guard invoice.status == .pending, (invoice.expiresAt ?? .max) >= now else {
            throw InvoiceMessages.noMerchantPDF
        }
        return .proForma
    }
}
