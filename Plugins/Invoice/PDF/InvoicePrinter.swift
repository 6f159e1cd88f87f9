import PluginSDK
import Printing

/// Turns printed invoices into PDF bytes: from the cache when the same invoice was printed
/// before, otherwise rendered on the PDF threads (never on an event loop).
final class InvoicePrinter: Sendable {
    /// The cache budget when the plugin config names none (`pdf_cache_bytes`).
    static let defaultCacheBytes = 32 << 20

    private let renderer = PDFRenderer()
    private let cache = PDFCache()

    /// The PDF of `invoice`; `cacheBytes` 0 renders every time.
    func pdf(_ invoice: PrintedInvoice, cacheBytes: Int) async throws -> [UInt8] {
        if cacheBytes > 0, let cached = cache.bytes(for: invoice) { return cached }
        let metadata = PDFMetadata(title: "\(invoice.heading) \(invoice.number)", author: invoice.storeName, date: invoice.date)
        let direction: TextDirection = invoice.direction == .rightToLeft ? .rightToLeft : .leftToRight
        let bytes = try await renderer.render(metadata: metadata, direction: direction) { canvas in
            InvoiceLayout(invoice).draw(on: canvas)
        }
        if cacheBytes > 0 { cache.store(bytes, for: invoice, budget: cacheBytes) }
        return bytes
    }
}
