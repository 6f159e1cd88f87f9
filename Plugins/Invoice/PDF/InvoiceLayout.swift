import PluginSDK
import Printing

/// Draws a `PrintedInvoice` on A4 pages: the store (logo, name, address, tax id) and the title
/// on every page; on the first, the pro forma banner when unpaid, the customer's bill-to block
/// beside the invoice's facts, and the tax-invoice application; the items table flowing over as
/// many pages as it needs (its column titles repeated); then the totals, the pay link and the
/// closing note. Boxes are in reading order; the canvas mirrors them for Persian. Labels are
/// drawn as reusable text (laid out once per render thread); the invoice's own data is laid
/// out once per document.
struct InvoiceLayout {
    let invoice: PrintedInvoice

    private let margin = 40.0
    private let padding = 4.0
    private let labelWidth = 95.0
    private let billToWidth = 220.0
    private let columnGap = 20.0
    private let logoBox = (width: 150.0, height: 48.0)
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
    /// Cairo 1.16 embeds whole (about 1 MB per PDF), so the CJK font is asked only for Han. Han
    /// comes from the TrueType conversion of Noto Sans CJK SC when `make deps` built it (a
    /// TrueType subset is a fraction of a CFF one's size and time), else from the original.
    /// Emoji come from the font library's emoji rule (Symbola's outlines first).
    static func families(_ language: Language) -> String {
        let han = "Noto Sans CJK SC TrueType, Noto Sans CJK SC"
        return switch language {
        case .en, .zh: "Noto Sans, \(han), Noto Sans Arabic"
        case .fa: "Noto Sans Arabic, Noto Sans, \(han)"
        }
    }

    func draw(on canvas: PDFCanvas) {
        let pages = paginate(canvas)
        let width = canvas.pageSize.width - 2 * margin
        for (index, rows) in pages.enumerated() {
            if index > 0 { canvas.newPage() }
            var y = header(canvas, width: width, continued: index > 0)
            if index == 0 { y = firstPageBlocks(canvas, y: y, width: width) }
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

    /// The logo's height as drawn (0 without one), from its proportions.
    private var logoHeight: Double {
        guard let logo = invoice.logo else { return 0 }
        let scale = min(logoBox.width / Double(logo.width), logoBox.height / Double(logo.height))
        return Double(logo.height) * scale + 6
    }

    /// The store's lines under its name: address and tax id, whichever it has.
    private var storeLines: [String] {
        [invoice.storeAddress, invoice.storeTaxID].filter { !$0.isEmpty }
    }

    /// The logo, the store and the invoice title; returns where the page's content starts.
    private func header(_ canvas: PDFCanvas, width: Double, continued: Bool) -> Double {
        let half = width / 2
        var left = margin
        if let logo = invoice.logo {
            canvas.image(logo, x: margin, y: left, maxWidth: logoBox.width, maxHeight: logoBox.height)
            left += logoHeight
        }
        left += canvas.text(invoice.storeName, style: storeStyle, x: margin, y: left, width: half)
        for line in storeLines { left += canvas.text(line, style: small, x: margin, y: left + 2, width: half) + 2 }
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
        let left = logoHeight + canvas.measure(invoice.storeName, style: storeStyle, width: half)
            + storeLines.reduce(0.0) { $0 + canvas.measure($1, style: small, width: half) + 4 }
        let right = [false, true].map { continued in
            canvas.measure(heading(continued: continued), style: headingStyle, width: half, alignment: .trailing, reusable: true)
        }.max()! + canvas.measure(format.isolated(invoice.number), style: numberStyle, width: half, alignment: .trailing)
        return margin + max(left, right) + 18
    }

    // MARK: First page

    private var noticeStyle: TextStyle { body.with(size: 10, bold: true) }
    private var applicationHeadingStyle: TextStyle { body.with(size: 9.5, bold: true) }
    private var labelStyle: TextStyle { body.with(gray: 0.35) }

    /// The pro forma banner, the bill-to block beside the facts, and the tax-invoice application.
    private func firstPageBlocks(_ canvas: PDFCanvas, y start: Double, width: Double) -> Double {
        var y = start
        if !invoice.notice.isEmpty {
            let height = canvas.measure(invoice.notice, style: noticeStyle, width: width - 16, reusable: true) + 12
            canvas.fill(x: margin, y: y, width: width, height: height, gray: 0.15)
            canvas.text(invoice.notice, style: noticeStyle.with(gray: 1), x: margin + 8, y: y + 6, width: width - 16, reusable: true)
            y += height + 10
        }
        let factsX = margin + billToWidth + columnGap
        let factsEnd = factList(canvas, invoice.facts, x: factsX, y: y, width: width - billToWidth - columnGap)
        y = max(billTo(canvas, y: y, draw: true), factsEnd)
        if !invoice.application.isEmpty {
            y += 4
            y += canvas.text(
                invoice.applicationHeading, style: applicationHeadingStyle, x: margin, y: y, width: width, reusable: true) + 2
            y = factList(canvas, invoice.application, x: margin, y: y, width: width)
        }
        return y + 10
    }

    /// The bill-to block at the leading side; returns where it ends (drawn or only measured).
    private func billTo(_ canvas: PDFCanvas, y start: Double, draw: Bool) -> Double {
        guard !invoice.billTo.isEmpty else { return start }
        let heading = applicationHeadingStyle
        var y = start
        y += (draw
            ? canvas.text(invoice.billToHeading, style: heading, x: margin, y: y, width: billToWidth, reusable: true)
            : canvas.measure(invoice.billToHeading, style: heading, width: billToWidth, reusable: true)) + 2
        for (index, line) in invoice.billTo.enumerated() {
            let style = index == 0 ? body.with(bold: true) : body
            y += (draw
                ? canvas.text(line, style: style, x: margin, y: y, width: billToWidth)
                : canvas.measure(line, style: style, width: billToWidth)) + 1
        }
        return y
    }

    private func factList(_ canvas: PDFCanvas, _ facts: [PrintedInvoice.Fact], x: Double, y start: Double, width: Double) -> Double {
        var y = start
        for fact in facts {
            let label = canvas.text(fact.label, style: labelStyle, x: x, y: y, width: labelWidth, reusable: true)
            let value = canvas.text(fact.value, style: body, x: x + labelWidth, y: y, width: width - labelWidth)
            y += max(label, value) + 2
        }
        return y
    }

    private func factListHeight(_ canvas: PDFCanvas, _ facts: [PrintedInvoice.Fact], width: Double) -> Double {
        facts.reduce(0.0) { total, fact in
            let label = canvas.measure(fact.label, style: labelStyle, width: labelWidth, reusable: true)
            return total + max(label, canvas.measure(fact.value, style: body, width: width - labelWidth)) + 2
        }
    }

    /// The height `firstPageBlocks` takes, measured as it draws.
    private func firstPageBlocksHeight(_ canvas: PDFCanvas, width: Double) -> Double {
        var height = 0.0
        if !invoice.notice.isEmpty {
            height += canvas.measure(invoice.notice, style: noticeStyle, width: width - 16, reusable: true) + 22
        }
        let facts = factListHeight(canvas, invoice.facts, width: width - billToWidth - columnGap)
        height += max(billTo(canvas, y: 0, draw: false), facts)
        if !invoice.application.isEmpty {
            height += 6 + canvas.measure(invoice.applicationHeading, style: applicationHeadingStyle, width: width, reusable: true)
            height += factListHeight(canvas, invoice.application, width: width)
        }
        return height + 10
    }

    // MARK: Table

    private var descriptionStyle: TextStyle { small }

    private func cells(_ row: PrintedInvoice.Row) -> [String] {
        [row.position, row.title, row.quantity, row.unitPrice, row.discount, row.tax, row.amount]
    }

    /// Numbers sit at the trailing edge of their cells, the line number in the middle.
    private func alignment(column: Int) -> TextAlignment {
        column == 1 ? .leading : (column == 0 ? .center : .trailing)
    }

    /// One row of the items table; the item's description goes under its title, smaller and lighter.
    private func tableRow(
        _ canvas: PDFCanvas, _ row: PrintedInvoice.Row, y: Double, style: TextStyle, shade: Double?, height: Double,
        reusable: Bool = false
    ) -> Double {
        if let shade { canvas.fill(x: margin, y: y, width: columnWidths.reduce(0, +), height: height, gray: shade) }
        var x = margin
        for (index, cell) in cells(row).enumerated() {
            let cellWidth = columnWidths[index] - 2 * padding
            let taken = canvas.text(
                cell, style: style, x: x + padding, y: y + padding, width: cellWidth, alignment: alignment(column: index),
                reusable: reusable)
            if index == 1 && !row.description.isEmpty {
                canvas.text(row.description, style: descriptionStyle, x: x + padding, y: y + padding + taken + 1, width: cellWidth)
            }
            x += columnWidths[index]
        }
        return y + height
    }

    /// A row's height: its tallest cell (the title cell with its description) plus padding.
    private func height(of row: PrintedInvoice.Row, _ canvas: PDFCanvas, style: TextStyle, reusable: Bool = false) -> Double {
        var tallest = 0.0
        for (index, cell) in cells(row).enumerated() {
            let cellWidth = columnWidths[index] - 2 * padding
            var height = canvas.measure(cell, style: style, width: cellWidth, alignment: alignment(column: index), reusable: reusable)
            if index == 1 && !row.description.isEmpty {
                height += 1 + canvas.measure(row.description, style: descriptionStyle, width: cellWidth)
            }
            tallest = max(tallest, height)
        }
        return tallest + 2 * padding
    }

    private func columnsHeight(_ canvas: PDFCanvas) -> Double {
        height(of: invoice.columns, canvas, style: body.with(bold: true), reusable: true)
    }

    // MARK: Totals

    /// The totals block at the trailing side, the grand total in bold, then the pay link of an
    /// unpaid invoice and the closing note; returns where it ends (drawn, or only measured).
    @discardableResult
    private func closing(_ canvas: PDFCanvas, y start: Double, width: Double, draw: Bool = true) -> Double {
        func text(_ text: String, _ style: TextStyle, x: Double, y: Double, width: Double, trailing: Bool = false,
                  reusable: Bool = false, link: String? = nil) -> Double {
            let alignment: TextAlignment = trailing ? .trailing : .leading
            return draw
                ? canvas.text(text, style: style, x: x, y: y, width: width, alignment: alignment, reusable: reusable, link: link)
                : canvas.measure(text, style: style, width: width, alignment: alignment, reusable: reusable)
        }
        var y = start
        let valueWidth = 120.0
        let totalsLabelWidth = 200.0
        let labelX = margin + width - valueWidth - totalsLabelWidth
        for total in invoice.totals {
            let style = total.strong ? body.with(size: 10.5, bold: true) : body
            let label = text(total.label, style, x: labelX, y: y, width: totalsLabelWidth - 8, trailing: true, reusable: true)
            let value = text(total.value, style, x: labelX + totalsLabelWidth, y: y, width: valueWidth, trailing: true)
            y += max(label, value) + 3
        }
        if let payLink = invoice.payLink {
            y += 10
            let label = text(payLink.label, body.with(bold: true), x: margin, y: y, width: labelWidth, reusable: true)
            let link = text(
                payLink.value, body.with(gray: 0.1), x: margin + labelWidth, y: y, width: width - labelWidth,
                link: payLink.value.filter { $0 != "\u{2066}" && $0 != "\u{2069}" })
            y += max(label, link)
        }
        return y + 12 + text(invoice.footer, small, x: margin, y: y + 12, width: width, reusable: true)
    }

    // MARK: Pages

    /// The table rows grouped by page, each with its height. A row taller than a page still gets
    /// a page of its own; the totals move to a page of their own when they do not fit.
    private func paginate(_ canvas: PDFCanvas) -> [[(row: PrintedInvoice.Row, height: Double)]] {
        let pageBottom = canvas.pageSize.height - margin - 20
        let width = canvas.pageSize.width - 2 * margin
        let contentTop = headerBottom(canvas, width: width) + columnsHeight(canvas)
        let closingHeight = closing(canvas, y: 6, width: width, draw: false)
        var pages: [[(row: PrintedInvoice.Row, height: Double)]] = [[]]
        var y = contentTop + firstPageBlocksHeight(canvas, width: width)
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
