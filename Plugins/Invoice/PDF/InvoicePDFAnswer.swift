import Kernel
import Storage

/// What the PDF actions share: only a paid invoice (paid with real money) has a PDF; the
/// language comes from `lang`, else the store's `pdf_language`, else the request; the calendar
/// from `calendar`, else the store's `pdf_calendar`, else Jalali for Persian. Filters of the
/// `invoice.pdf_data` hook may change what is printed (the cache keys on the result).
enum InvoicePDFAnswer {
    static let params: [Param] = [
        .boolean("download", "1 to download (attachment), otherwise shown inline"),
        .string("calendar", maxLength: 9, allowed: PDFCalendar.allCases.map(\.rawValue), "Dates in the gregorian or persian calendar"),
    ]

    static func reply(
        _ context: ActionContext, invoice: Invoice, settings: StoreSettings, printer: InvoicePrinter
    ) async throws -> Reply {
        guard invoice.isPaidWithRealMoney(gateways: settings.realMoneyGateways) else {
            throw InvoiceMessages.notRealMoney(gateways: settings.realMoneyGateways)
        }
        let params = context.params
        let language = params.string("lang").flatMap(Language.init(parameter:)) ?? settings.pdfLanguage ?? context.language
        let calendar = params.string("calendar").flatMap(PDFCalendar.init(rawValue:))
            ?? settings.pdfCalendar ?? (language == .fa ? .persian : .gregorian)
        var customerName: String?
        if let userID = invoice.userID { customerName = try await context.services.accounts.user(id: userID)?.name }
        let invoiceID = invoice.id
        let application = try await context.storage.read { db in try ApplicationRecords.latest(db, holding: invoiceID) }
        var printed = PrintedInvoice(
            invoice: invoice, settings: settings, customerName: customerName, application: application,
            language: language, calendar: calendar)
        let hooks = context.services.hooks
        if hooks.hasFilters(.invoicePDFData) { printed = printed.applying(await hooks.apply(.invoicePDFData, to: printed.json)) }
        let cacheBytes = context.config["pdf_cache_bytes"]?.intValue.map(Int.init) ?? InvoicePrinter.defaultCacheBytes
        let bytes = try await printer.pdf(printed, cacheBytes: max(0, cacheBytes))
        return .file(
            Reply.File(
                bytes: bytes, contentType: "application/pdf", fileName: printed.fileName,
                download: try params.bool("download") ?? false))
    }
}
