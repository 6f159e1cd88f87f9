import Contracts
import PluginSDK

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

    /// Reads what is printed in one read - the invoice and its store's settings (`load`), the
    /// customer's name, the application holding the invoice and the store's logo - then renders it.
    static func reply(
        _ context: ActionContext, printer: InvoicePrinter, proFormaAllowed: Bool = false,
        load: @escaping @Sendable (Database) throws -> (Invoice, StoreSettings)
    ) async throws -> Reply {
        let now = context.now
        let found = try await context.storage.read { db -> Printable in
            let (invoice, settings) = try load(db)
            let kind = try Self.kind(of: invoice, settings: settings, proFormaAllowed: proFormaAllowed, now: now)
            let customerName = try invoice.userID.flatMap { try context.services.accounts.user(id: $0, in: db)?.name }
            return Printable(
                invoice: invoice, kind: kind, settings: settings, customerName: customerName,
                application: try ApplicationRecords.latest(db, holding: invoice.id), logo: try SettingsRecords.logo(db, storeID: invoice.storeID))
        }
        let (invoice, kind, settings) = (found.invoice, found.kind, found.settings)
        let (customerName, application, logo) = (found.customerName, found.application, found.logo)
        let params = context.params
        let language = params.string("lang").flatMap(Language.init(parameter:)) ?? settings.pdfLanguage ?? context.language
        let calendar = params.string("calendar").flatMap(PDFCalendar.init(rawValue:))
            ?? settings.pdfCalendar ?? (language == .fa ? .persian : .gregorian)
        var printed = PrintedInvoice(
            invoice: invoice, kind: kind, settings: settings, logo: logo?.image, customerName: customerName,
            application: application, language: language, calendar: calendar)
        let hooks = context.services.hooks
        if hooks.hasFilters(InvoiceFilters.pdfData) { printed = printed.applying(await hooks.apply(InvoiceFilters.pdfData, to: printed.json)) }
        let cacheBytes = context.config["pdf_cache_bytes"]?.intValue.map(Int.init) ?? InvoicePrinter.defaultCacheBytes
        let bytes = try await printer.pdf(printed, cacheBytes: max(0, cacheBytes))
        return .file(
            Reply.File(
                bytes: bytes, contentType: "application/pdf", fileName: printed.fileName,
                download: try params.bool("download") ?? false))
    }

    /// What one read gathers for a PDF.
    private struct Printable: Sendable {
        let invoice: Invoice
        let kind: PrintedInvoice.Kind
        let settings: StoreSettings
        let customerName: String?
        let application: Application?
        let logo: StoreLogo?
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
