import PluginSDK
import Printing

/// Draws a `PrintedInvoice` on A4 pages: the store and invoice header on every page, the facts
/// and tax-invoice block on the first, the items table flowing over as many pages as it needs
/// (its column titles repeated), then the totals and the voucher note. Boxes are in reading order;
/// the canvas mirrors them for Persian. Labels are drawn as reusable text (laid out once per
/// render thread); the invoice's own data is laid out once per document.
struct InvoiceLayout {
    let invoice: PrintedInvoice

    private let margin = 40.0
    private let padding = 4.0
    private let labelWidth = 110.0
    private let body: TextStyle
    private let small: TextStyle
    private let columnWidths: [Double] = [30, 179, 36, 70, 64, 64, 72.28]
    private let format: LocalFormat

    init(_ invoice: PrintedInvoice) {
        self.invoice = invoice
        body = TextStyle(families: Self.families(invoice.language), size: 8.5)
        small = body.with(size: 7.5, gray: 0.35)
        format = LocalFormat(language: invoice.language, calendar: .gregorian)
    }

    /// Fonts tried in order for each character. Latin letters and digits come from Noto Sans in
    /// every language: Noto Sans CJK's Latin glyphs share a font dictionary whose subroutines
    /// Cairo 1.16 embeds whole (about 1 MB per PDF), so the CJK font is asked only for Han.
    static func families(_ language: Language) -> String {
        switch language {
        case .en, .zh: "Noto Sans, Noto Sans CJK SC, Noto Sans Arabic"
        case .fa: "Noto Sans Arabic, Noto Sans, Noto Sans CJK SC"
        }
    }

    func draw(on canvas: PDFCanvas) {
        let pages = paginate(canvas)
        let width = canvas.pageSize.width - 2 * margin
        for (index, rows) in pages.enumerated() {
            if index > 0 { canvas.newPage() }
            var y = header(canvas, width: width, continued: index > 0)
            if index == 0 { y = facts(canvas, y: y, width: width) }
            y = tableRow(
                canvas, invoice.columns, y: y, style: body.with(bold: true), shade: 0.9, height: columnsHeight(canvas), reusable: true)
            for (offset, row) in rows.enumerated() {
                y = tableRow(canvas, row.row, y: y, style: body, shade: offset % 2 == 1 ? 0.965 : nil, height: row.height)
            }
            if index == pages.count - 1 { closing(canvas, y: y + 6, width: width) }
            let pageText = "\(invoice.pageLabel) \(format.count(Int64(index + 1))) / \(format.count(Int64(pages.count)))"
            canvas.text(
                pageText, style: small, x: margin, y: canvas.pageSize.height - 28, width: width, alignment: .center, reusable: true)
        }
    }

    // MARK: Header

    private var storeStyle: TextStyle { body.with(size: 13, bold: true) }
    private var headingStyle: TextStyle { body.with(size: 18, bold: true) }
    private var numberStyle: TextStyle { body.with(size: 10) }

    private func heading(continued: Bool) -> String {
        continued ? "\(invoice.heading) (\(invoice.continuedLabel))" : invoice.heading
    }

    /// The store and invoice title; returns where the page's content starts.
    private func header(_ canvas: PDFCanvas, width: Double, continued: Bool) -> Double {
        let half = width / 2
        var left = margin
        left += canvas.text(invoice.storeName, style: storeStyle, x: margin, y: left, width: half)
        left += canvas.text(invoice.storeAddress, style: small, x: margin, y: left + 2, width: half) + 2
        var right = margin
        right += canvas.text(
            heading(continued: continued), style: headingStyle, x: margin + half, y: right, width: half, alignment: .trailing,
            reusable: true)
        right += canvas.text(
            format.isolated(invoice.number), style: numberStyle, x: margin + half, y: right, width: half, alignment: .trailing)
        let bottom = max(left, right) + 8
        canvas.fill(x: margin, y: bottom, width: width, height: 0.8, gray: 0.2)
        return bottom + 10
    }

    /// Where content starts below the header, measured as `header` draws it.
    private func headerBottom(_ canvas: PDFCanvas, width: Double) -> Double {
        let half = width / 2
        let left = canvas.measure(invoice.storeName, style: storeStyle, width: half)
            + canvas.measure(invoice.storeAddress, style: small, width: half) + 4
        let right = [false, true].map { continued in
            canvas.measure(heading(continued: continued), style: headingStyle, width: half, alignment: .trailing, reusable: true)
        }.max()! + canvas.measure(format.isolated(invoice.number), style: numberStyle, width: half, alignment: .trailing)
        return margin + max(left, right) + 18
    }

    // MARK: Facts

    private var applicationHeadingStyle: TextStyle { body.with(size: 9.5, bold: true) }
    private var labelStyle: TextStyle { body.with(gray: 0.35) }

    /// The invoice's facts and, when there is one, its tax-invoice application.
    private func facts(_ canvas: PDFCanvas, y start: Double, width: Double) -> Double {
        var y = factList(canvas, invoice.facts, y: start, width: width)
        if !invoice.application.isEmpty {
            y += 4
            y += canvas.text(
                invoice.applicationHeading, style: applicationHeadingStyle, x: margin, y: y, width: width, reusable: true) + 2
            y = factList(canvas, invoice.application, y: y, width: width)
        }
        return y + 10
    }

    private func factList(_ canvas: PDFCanvas, _ facts: [PrintedInvoice.Fact], y start: Double, width: Double) -> Double {
        var y = start
        for fact in facts {
            let label = canvas.text(fact.label, style: labelStyle, x: margin, y: y, width: labelWidth, reusable: true)
            let value = canvas.text(fact.value, style: body, x: margin + labelWidth, y: y, width: width - labelWidth)
            y += max(label, value) + 2
        }
        return y
    }

    /// The height `facts` takes, measured as it draws.
    private func factsHeight(_ canvas: PDFCanvas, width: Double) -> Double {
        var height = (invoice.facts + invoice.application).reduce(0.0) { total, fact in
            let label = canvas.measure(fact.label, style: labelStyle, width: labelWidth, reusable: true)
            return total + max(label, canvas.measure(fact.value, style: body, width: width - labelWidth)) + 2
        }
        if !invoice.application.isEmpty {
            height += 6 + canvas.measure(invoice.applicationHeading, style: applicationHeadingStyle, width: width, reusable: true)
        }
        return height + 10
    }

    // MARK: Table

    private func cells(_ row: PrintedInvoice.Row) -> [String] {
        [row.position, row.title, row.quantity, row.unitPrice, row.discount, row.tax, row.amount]
    }

    /// Numbers sit at the trailing edge of their cells, the line number in the middle.
    private func alignment(column: Int) -> TextAlignment {
        column == 1 ? .leading : (column == 0 ? .center : .trailing)
    }

    /// One row of the items table.
    private func tableRow(
        _ canvas: PDFCanvas, _ row: PrintedInvoice.Row, y: Double, style: TextStyle, shade: Double?, height: Double,
        reusable: Bool = false
    ) -> Double {
        if let shade { canvas.fill(x: margin, y: y, width: columnWidths.reduce(0, +), height: height, gray: shade) }
        var x = margin
        for (index, cell) in cells(row).enumerated() {
            canvas.text(
                cell, style: style, x: x + padding, y: y + padding, width: columnWidths[index] - 2 * padding,
                alignment: alignment(column: index), reusable: reusable)
            x += columnWidths[index]
        }
        return y + height
    }

    /// A row's height: its tallest cell plus padding.
    private func height(of row: PrintedInvoice.Row, _ canvas: PDFCanvas, style: TextStyle, reusable: Bool = false) -> Double {
        var tallest = 0.0
        for (index, cell) in cells(row).enumerated() {
            tallest = max(
                tallest,
                canvas.measure(
                    cell, style: style, width: columnWidths[index] - 2 * padding, alignment: alignment(column: index),
                    reusable: reusable))
        }
        return tallest + 2 * padding
    }

    private func columnsHeight(_ canvas: PDFCanvas) -> Double {
        height(of: invoice.columns, canvas, style: body.with(bold: true), reusable: true)
    }

    // MARK: Totals

    /// The totals block at the trailing side, the grand total in bold, then the voucher note.
    private func closing(_ canvas: PDFCanvas, y start: Double, width: Double) {
        var y = start
        let valueWidth = 120.0
        let totalsLabelWidth = 200.0
        let labelX = margin + width - valueWidth - totalsLabelWidth
        for total in invoice.totals {
            let style = total.strong ? body.with(size: 10.5, bold: true) : body
            let label = canvas.text(
                total.label, style: style, x: labelX, y: y, width: totalsLabelWidth - 8, alignment: .trailing, reusable: true)
            let value = canvas.text(
                total.value, style: style, x: labelX + totalsLabelWidth, y: y, width: valueWidth, alignment: .trailing)
            y += max(label, value) + 3
        }
        canvas.text(invoice.footer, style: small, x: margin, y: y + 12, width: width, reusable: true)
    }

    // MARK: Pages

    /// The table rows grouped by page, each with its height. A row taller than a page still gets
    /// a page of its own; the totals move to a page of their own when they do not fit.
    private func paginate(_ canvas: PDFCanvas) -> [[(row: PrintedInvoice.Row, height: Double)]] {
        let pageBottom = canvas.pageSize.height - margin - 20
        let width = canvas.pageSize.width - 2 * margin
        let contentTop = headerBottom(canvas, width: width) + columnsHeight(canvas)
        let closingHeight = Double(invoice.totals.count) * 20 + 60
        var pages: [[(row: PrintedInvoice.Row, height: Double)]] = [[]]
        var y = contentTop + factsHeight(canvas, width: width)
        for row in invoice.rows {
            let height = height(of: row, canvas, style: body)
            if y + height > pageBottom && !pages[pages.count - 1].isEmpty {
                pages.append([])
                y = contentTop
            }
            pages[pages.count - 1].append((row, height))
            y += height
        }
        if y + closingHeight > pageBottom { pages.append([]) }
        return pages
    }
}
