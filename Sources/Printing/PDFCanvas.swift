import CPangoCairo

/// A PDF being drawn, page by page, in points from the top of the page. Boxes are given in
/// reading order: `x` is measured from the leading edge, so a right-to-left document mirrors
/// every box without its layout code knowing. Text is real text (Pango shapes it with HarfBuzz,
/// Cairo embeds font subsets), so it can be selected and searched.
public final class PDFCanvas {
    public let pageSize: PageSize
    public let direction: TextDirection
    /// Pages begun so far (the first page exists from the start).
    public private(set) var pageCount = 1
    /// Characters drawn so far that no font had a glyph for (each printed as an empty box).
    public private(set) var missingGlyphs = 0

    private let typesetter: Typesetter
    private let layouts: LayoutContext
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let sink: ByteSink

    init(typesetter: Typesetter, pageSize: PageSize, direction: TextDirection, metadata: PDFMetadata) {
        self.typesetter = typesetter
        layouts = typesetter.context(direction)
        self.pageSize = pageSize
        self.direction = direction
        sink = ByteSink()
        surface = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                    .bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), pageSize.width, pageSize.height)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "invoice-server")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, metadata.date)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, metadata.date)
        cairo = cairo_create(surface)
        pango_cairo_update_context(cairo, layouts.context)
    }

    deinit {
        layouts.endDocument()
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Height in points `text` takes in a box `width` wide. Measuring lays the text out once:
    /// drawing it afterwards with the same style, width and alignment reuses that work.
    /// `reusable` marks text every document shares (labels), kept laid out across documents.
    public func measure(
        _ text: String, style: TextStyle, width: Double, alignment: TextAlignment = .leading, reusable: Bool = false
    ) -> Double {
        layouts.height(of: layouts.layout(text, style: style, width: width, alignment: pangoAlignment(alignment), reusable: reusable))
    }

    /// Draws `text` wrapped in a box at (`x` from the leading edge, `y` from the top) and returns
    /// the height it took. With `link` (an http or https URL) the text is a clickable link.
    @discardableResult
    public func text(
        _ text: String, style: TextStyle, x: Double, y: Double, width: Double, alignment: TextAlignment = .leading,
        reusable: Bool = false, link: String? = nil
    ) -> Double {
        let layout = layouts.layout(text, style: style, width: width, alignment: pangoAlignment(alignment), reusable: reusable)
        missingGlyphs += Int(pango_layout_get_unknown_glyphs_count(layout))
        let linkAttributes = link.flatMap(Self.linkAttributes)
        if let linkAttributes { cairo_tag_begin(cairo, CAIRO_TAG_LINK, linkAttributes) }
        cairo_set_source_rgb(cairo, style.gray, style.gray, style.gray)
        cairo_move_to(cairo, physicalX(x, width: width), y)
        pango_cairo_show_layout(cairo, layout)
        if linkAttributes != nil { cairo_tag_end(cairo, CAIRO_TAG_LINK) }
        return layouts.height(of: layout)
    }

    /// Draws `image` scaled to fit a box (`x` from the leading edge, `y` from the top) without
    /// changing its proportions, at the box's leading top corner; returns the size it took, or
    /// nil (nothing drawn) when the picture does not decode.
    @discardableResult
    public func image(_ image: PNGImage, x: Double, y: Double, maxWidth: Double, maxHeight: Double) -> (width: Double, height: Double)? {
        guard let surface = typesetter.surface(of: image) else { return nil }
        let scale = min(maxWidth / Double(image.width), maxHeight / Double(image.height))
        let width = Double(image.width) * scale
        let height = Double(image.height) * scale
        cairo_save(cairo)
        cairo_translate(cairo, physicalX(x, width: width), y)
        cairo_scale(cairo, scale, scale)
        cairo_set_source_surface(cairo, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cairo), CAIRO_FILTER_GOOD)
        cairo_paint(cairo)
        cairo_restore(cairo)
        return (width, height)
    }

    /// A filled rectangle (rules, shaded rows), 0 black to 1 white.
    public func fill(x: Double, y: Double, width: Double, height: Double, gray: Double) {
        cairo_set_source_rgb(cairo, gray, gray, gray)
        cairo_rectangle(cairo, physicalX(x, width: width), y, width, height)
        cairo_fill(cairo)
    }

    /// Ends the current page and starts the next one.
    public func newPage() {
        cairo_show_page(cairo)
        pageCount += 1
    }

    /// Ends the last page and returns the file's bytes.
    func finish() throws(PrintingError) -> [UInt8] {
        cairo_show_page(cairo)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PrintingError(description: String(cString: cairo_status_to_string(status)))
        }
        return sink.bytes
    }

    /// Cairo's link attributes for an http(s) URL (quotes and backslashes escaped), else nil.
    private static func linkAttributes(_ url: String) -> String? {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { return nil }
        var escaped = ""
        for character in url {
            if character == "\\" || character == "'" { escaped.append("\\") }
            escaped.append(character)
        }
        return "uri='\(escaped)'"
    }

    private func physicalX(_ x: Double, width: Double) -> Double {
        direction == .rightToLeft ? pageSize.width - x - width : x
    }

    private func pangoAlignment(_ alignment: TextAlignment) -> PangoAlignment {
        switch (alignment, direction) {
        case (.center, _): PANGO_ALIGN_CENTER
        case (.leading, .leftToRight), (.trailing, .rightToLeft): PANGO_ALIGN_LEFT
        case (.trailing, .leftToRight), (.leading, .rightToLeft): PANGO_ALIGN_RIGHT
        }
    }
}

/// Collects what Cairo writes.
private final class ByteSink {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(48 * 1024) }
}

/// Cairo could not produce the file.
public struct PrintingError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
