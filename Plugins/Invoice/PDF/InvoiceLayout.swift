import Kernel
import Printing

/// Draws a `PrintedInvoice` on A4 pages: the store and invoice header on every page, the facts
/// and tax-invoice block on the first, the items table flowing over as many pages as it needs
/// (its column titles repeated), then the totals and the voucher note. Boxes are in reading order;
/// the canvas mirrors them for Persian.
struct InvoiceLayout {
    let invoice: PrintedInvoice

    private let margin = 40.0
    private let padding = 4.0
    private let body: TextStyle
    private let small: TextStyle
    private let columnWidths: [Double] = [30, 179, 36, 70, 64, 64, 72.28]

    init(_ invoice: PrintedInvoice) {
        self.invoice = invoice
        body = TextStyle(families: Self.families(invoice.language), size: 8.5)
        small = body.with(size: 7.5, gray: 0.35)
    }

    /// Fonts tried in order for each character; the reader's script first.
    static func families(_ language: Language) -> String {
        switch language {
        case .en: "Noto Sans, Noto Sans CJK SC, Noto Sans Arabic"
        case .zh: "Noto Sans CJK SC, Noto Sans"
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
            y = tableRow(canvas, invoice.columns, y: y, style: body.with(bold: true), shade: 0.9)
            for (offset, row) in rows.enumerated() {
                y = tableRow(canvas, row.row, y: y, style: body, shade: offset % 2 == 1 ? 0.965 : nil, height: row.height)
            }
            if index == pages.count - 1 { closing(canvas, y: y + 6, width: width) }
            let pageText = "\(invoice.pageLabel) \(format.count(Int64(index + 1))) / \(format.count(Int64(pages.count)))"
            canvas.text(pageText, style: small, x: margin, y: canvas.pageSize.height - 28, width: width, alignment: .center)
        }
    }

    private var format: LocalFormat { LocalFormat(language: invoice.language, calendar: .gregorian) }

    /// The store and invoice title; returns where the page's content starts.
    private func header(_ canvas: PDFCanvas, width: Double, continued: Bool) -> Double {
        let half = width / 2
        var left = margin
        left += canvas.text(invoice.storeName, style: body.with(size: 13, bold: true), x: margin, y: left, width: half)
        left += canvas.text(invoice.storeAddress, style: small, x: margin, y: left + 2, width: half) + 2
        var right = margin
        let heading = continued ? "\(invoice.heading) (\(invoice.continuedLabel))" : invoice.heading
        right += canvas.text(heading, style: body.with(size: 18, bold: true), x: margin + half, y: right, width: half, alignment: .trailing)
        right += canvas.text(format.isolated(invoice.number), style: body.with(size: 10), x: margin + half, y: right, width: half, alignment: .trailing)
        let bottom = max(left, right) + 8
        canvas.fill(x: margin, y: bottom, width: width, height: 0.8, gray: 0.2)
        return bottom + 10
    }

    /// The invoice's facts and, when there is one, its tax-invoice application.
    private func facts(_ canvas: PDFCanvas, y start: Double, width: Double) -> Double {
        var y = start
        y = factList(canvas, invoice.facts, y: y, width: width)
        if !invoice.application.isEmpty {
            y += 4
            y += canvas.text(invoice.applicationHeading, style: body.with(size: 9.5, bold: true), x: margin, y: y, width: width) + 2
            y = factList(canvas, invoice.application, y: y, width: width)
        }
        return y + 10
    }

    private func factList(_ canvas: PDFCanvas, _ facts: [PrintedInvoice.Fact], y start: Double, width: Double) -> Double {
        var y = start
        let labelWidth = 110.0
        for fact in facts {
            let label = canvas.text(fact.label, style: body.with(gray: 0.35), x: margin, y: y, width: labelWidth)
            let value = canvas.text(fact.value, style: body, x: margin + labelWidth, y: y, width: width - labelWidth)
            y += max(label, value) + 2
        }
        return y
    }

    /// One row of the items table; numbers sit at the trailing edge of their cells.
    private func tableRow(
        _ canvas: PDFCanvas, _ row: PrintedInvoice.Row, y: Double, style: TextStyle, shade: Double?, height: Double? = nil
    ) -> Double {
        let cells = [row.position, row.title, row.quantity, row.unitPrice, row.discount, row.tax, row.amount]
        let rowHeight = height ?? self.height(of: row, canvas)
        if let shade { canvas.fill(x: margin, y: y, width: columnWidths.reduce(0, +), height: rowHeight, gray: shade) }
        var x = margin
        for (index, cell) in cells.enumerated() {
            let alignment: TextAlignment = index == 1 ? .leading : (index == 0 ? .center : .trailing)
            canvas.text(cell, style: style, x: x + padding, y: y + padding, width: columnWidths[index] - 2 * padding, alignment: alignment)
            x += columnWidths[index]
        }
        return y + rowHeight
    }

    /// A row's height: its tallest cell plus padding. Short cells take one line, so only cells
    /// long enough to wrap are laid out to measure them.
    private func height(of row: PrintedInvoice.Row, _ canvas: PDFCanvas) -> Double {
        let cells = [row.position, row.title, row.quantity, row.unitPrice, row.discount, row.tax, row.amount]
        var tallest = lineHeight
        for (index, cell) in cells.enumerated() where cell.count > Int(columnWidths[index] / 6) || cell.contains("\n") {
            tallest = max(tallest, canvas.measure(cell, style: body, width: columnWidths[index] - 2 * padding))
        }
        return tallest + 2 * padding
    }

    /// One line of body text (Noto's line spacing is about 1.36 em).
    private var lineHeight: Double { (body.size * 1.37).rounded(.up) }

    /// The totals block at the trailing side, the grand total in bold, then the voucher note.
    private func closing(_ canvas: PDFCanvas, y start: Double, width: Double) {
        var y = start
        let valueWidth = 120.0
        let labelWidth = 200.0
        let labelX = margin + width - valueWidth - labelWidth
        for total in invoice.totals {
            let style = total.strong ? body.with(size: 10.5, bold: true) : body
            let label = canvas.text(total.label, style: style, x: labelX, y: y, width: labelWidth - 8, alignment: .trailing)
            let value = canvas.text(total.value, style: style, x: labelX + labelWidth, y: y, width: valueWidth, alignment: .trailing)
            y += max(label, value) + 3
        }
        canvas.text(invoice.footer, style: small, x: margin, y: y + 12, width: width)
    }

    /// The table rows grouped by page, each with its height, the first page holding less below
    /// the facts. A row taller than a page still gets a page of its own.
    private func paginate(_ canvas: PDFCanvas) -> [[(row: PrintedInvoice.Row, height: Double)]] {
        let pageBottom = canvas.pageSize.height - margin - 20
        let width = canvas.pageSize.width - 2 * margin
        let headerBottom = headerHeight(canvas, width: width)
        let tableHeader = lineHeight + 2 * padding
        let closingHeight = Double(invoice.totals.count) * (lineHeight + 8) + 60
        var pages: [[(row: PrintedInvoice.Row, height: Double)]] = [[]]
        var y = headerBottom + factsHeight(canvas, width: width) + tableHeader
        for row in invoice.rows {
            let height = height(of: row, canvas)
            if y + height > pageBottom && !pages[pages.count - 1].isEmpty {
                pages.append([])
                y = headerBottom + tableHeader
            }
            pages[pages.count - 1].append((row, height))
            y += height
        }
        if y + closingHeight > pageBottom { pages.append([]) }
        return pages
    }

    /// Where content starts below the header, as `header` draws it (the continued title is no taller).
    private func headerHeight(_ canvas: PDFCanvas, width: Double) -> Double {
        let half = width / 2
        let left = canvas.measure(invoice.storeName, style: body.with(size: 13, bold: true), width: half)
            + canvas.measure(invoice.storeAddress, style: small, width: half) + 4
        let right = canvas.measure(invoice.heading, style: body.with(size: 18, bold: true), width: half)
            + canvas.measure(invoice.number, style: body.with(size: 10), width: half)
        return margin + max(left, right) + 18
    }

    /// The height `facts` takes, measured the same way it draws.
    private func factsHeight(_ canvas: PDFCanvas, width: Double) -> Double {
        let labelWidth = 110.0
        let lines = invoice.facts + invoice.application
        var height = lines.reduce(0.0) { total, fact in
            total + max(canvas.measure(fact.label, style: body, width: labelWidth), canvas.measure(fact.value, style: body, width: width - labelWidth)) + 2
        }
        if !invoice.application.isEmpty {
            height += 6 + canvas.measure(invoice.applicationHeading, style: body.with(size: 9.5, bold: true), width: width)
        }
        return height + 10
    }
}
