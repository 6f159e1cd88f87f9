import Contracts
import PluginSDK

/// What the PDF actions share: only a paid invoice (paid with real money) has a PDF; the
/// language comes from `lang`, else the store's `pdf_language`, else the request; the calendar
/// from `calendar`, else the store's `pdf_calendar`, else Jalali for Persian. Filters of the
/// `invoice.pdf_data` hook may change what is printed (the cache keys on the result).
enum InvoicePDFAnswer {
    static let params: [Param] = [
        .boolean("download", "1 to download (attachment), otherwise shown inline"),
        .string("calendar", maxLength: 9, allowed: PDFCalendar.allCases.map(\.rawValue), "Dates in the gregorian or persian calendar"),
    ]

    /// Reads what is printed in one read - the invoice and its store's settings (`load`), the
    /// customer's name and the application holding the invoice - then renders it.
    static func reply(
        _ context: ActionContext, printer: InvoicePrinter, load: @escaping @Sendable (Database) throws -> (Invoice, StoreSettings)
    ) async throws -> Reply {
        let (invoice, settings, customerName, application) = try await context.storage.read { db in
            let (invoice, settings) = try load(db)
            guard invoice.isPaidWithRealMoney(gateways: settings.realMoneyGateways) else {
                throw InvoiceMessages.notRealMoney(gateways: settings.realMoneyGateways)
            }
            let customerName = try invoice.userID.flatMap { try context.services.accounts.user(id: $0, in: db)?.name }
            return (invoice, settings, customerName, try ApplicationRecords.latest(db, holding: invoice.id))
        }
        let params = context.params
        let language = params.string("lang").flatMap(Language.init(parameter:)) ?? settings.pdfLanguage ?? context.language
        let calendar = params.string("calendar").flatMap(PDFCalendar.init(rawValue:))
            ?? settings.pdfCalendar ?? (language == .fa ? .persian : .gregorian)
        var printed = PrintedInvoice(
            invoice: invoice, settings: settings, customerName: customerName, application: application,
            language: language, calendar: calendar)
        let hooks = context.services.hooks
        if hooks.hasFilters(InvoiceFilters.pdfData) { printed = printed.applying(await hooks.apply(InvoiceFilters.pdfData, to: printed.json)) }
        let cacheBytes = context.config["pdf_cache_bytes"]?.intValue.map(Int.init) ?? InvoicePrinter.defaultCacheBytes
        let bytes = try await printer.pdf(printed, cacheBytes: max(0, cacheBytes))
        return .file(
            Reply.File(
                bytes: bytes, contentType: "application/pdf", fileName: printed.fileName,
                download: try params.bool("download") ?? false))
    }
}
