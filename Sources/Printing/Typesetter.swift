import CPangoCairo

/// One thread's Pango state: a font map over the shared font library (fonts are found and
/// loaded once, then reused), a layout context per reading direction and the pictures decoded
/// so far. Not thread-safe: each render thread owns one.
final class Typesetter {
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private var contexts: [TextDirection: LayoutContext] = [:]
    private var pictures: [PNGImage: OpaquePointer] = [:]

    /// At most this many decoded pictures are kept; past it they are all dropped and decoded again.
    private static let picturesLimit = 8

    init(fonts: FontLibrary) {
        fontMap = pango_cairo_font_map_new()
        pango_fc_font_map_set_config(OpaquePointer(fontMap), fonts.config)
    }

    deinit {
        contexts.removeAll()
        for surface in pictures.values { cairo_surface_destroy(surface) }
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    /// `image` decoded as a Cairo surface (owned by the typesetter), or nil when it does not decode.
    func surface(of image: PNGImage) -> OpaquePointer? {
        if let surface = pictures[image] { return surface }
        guard let surface = image.makeSurface() else { return nil }
        if pictures.count >= Self.picturesLimit {
            for old in pictures.values { cairo_surface_destroy(old) }
            pictures.removeAll(keepingCapacity: true)
        }
        pictures[image] = surface
        return surface
    }

    /// The layout context for documents read in `direction`.
    func context(_ direction: TextDirection) -> LayoutContext {
        if let context = contexts[direction] { return context }
        let context = LayoutContext(fontMap: fontMap, direction: direction)
        contexts[direction] = context
        return context
    }
}

/// Pango layouts for one reading direction. A text laid out once in a document is reused when
/// it is drawn after being measured; texts marked reusable (labels, headings: the same in every
/// document) are kept across documents, so only a document's own data is shaped each time.
final class LayoutContext {
    private struct Key: Hashable {
        let text: String
        let style: TextStyle
        let width: Int32
        let alignment: UInt32
    }

    /// At most this many reusable layouts are kept; past it they are all dropped and rebuilt.
    private static let keptLimit = 1024

    let context: OpaquePointer
    /// No discretionary ligatures ("fi" stays two letters): a ligature glyph has no single
    /// character, which costs Cairo a second embedded font per PDF. Arabic script keeps its
    /// required ligatures (`rlig`).
    private let attributes: OpaquePointer
    private var fonts: [TextStyle: OpaquePointer] = [:]
    private var kept: [Key: OpaquePointer] = [:]
    private var document: [Key: OpaquePointer] = [:]

    init(fontMap: UnsafeMutablePointer<PangoFontMap>, direction: TextDirection) {
        context = pango_font_map_create_context(fontMap)
        // Points in, points out: the PDF surface's unit is 1/72 inch.
        pango_cairo_context_set_resolution(context, 72)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_base_dir(context, direction == .rightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR)
        attributes = pango_attr_list_new()
        pango_attr_list_insert(attributes, pango_attr_font_features_new("-liga"))
    }

    deinit {
        endDocument()
        for layout in kept.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        for font in fonts.values { pango_font_description_free(font) }
        pango_attr_list_unref(attributes)
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// The layout of `text` in `style`, wrapped at `width` points (words, then characters).
    func layout(_ text: String, style: TextStyle, width: Double, alignment: PangoAlignment, reusable: Bool) -> OpaquePointer {
        let key = Key(text: text, style: style, width: Int32((width * Double(PANGO_SCALE)).rounded(.down)), alignment: alignment.rawValue)
        if let layout = kept[key] ?? document[key] { return layout }
        let layout = pango_layout_new(context)!
        pango_layout_set_font_description(layout, font(style))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_auto_dir(layout, 0)
        pango_layout_set_attributes(layout, attributes)
        pango_layout_set_width(layout, key.width)
        pango_layout_set_alignment(layout, alignment)
        text.withCString { pango_layout_set_text(layout, $0, -1) }
        if reusable {
            if kept.count >= Self.keptLimit {
                for old in kept.values { g_object_unref(UnsafeMutableRawPointer(old)) }
                kept.removeAll(keepingCapacity: true)
            }
            kept[key] = layout
        } else {
            document[key] = layout
        }
        return layout
    }

    /// Height in points of a layout.
    func height(of layout: OpaquePointer) -> Double {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.height) / Double(PANGO_SCALE)
    }

    /// Drops the layouts of the document just finished (the reusable ones stay).
    func endDocument() {
        for layout in document.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        document.removeAll(keepingCapacity: true)
    }

    private func font(_ style: TextStyle) -> OpaquePointer {
        if let font = fonts[style] { return font }
        let font = pango_font_description_from_string(style.pangoDescription)!
        fonts[style] = font
        return font
    }
}
