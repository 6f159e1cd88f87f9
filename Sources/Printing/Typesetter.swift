import CPangoCairo

/// One thread's Pango state: a font map, a context and one reusable layout per text style.
/// Fonts are found and loaded once per typesetter and reused for every document it renders.
/// Not thread-safe: each render thread owns one.
final class Typesetter {
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    private var layouts: [TextStyle: OpaquePointer] = [:]

    init() {
        fontMap = pango_cairo_font_map_new()
        context = pango_font_map_create_context(fontMap)
        // Points in, points out: the PDF surface's unit is 1/72 inch.
        pango_cairo_context_set_resolution(context, 72)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        for layout in layouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    /// Sets the paragraph direction every layout is laid out in.
    func setDirection(_ direction: TextDirection) {
        let base = direction == .rightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR
        guard pango_context_get_base_dir(context) != base else { return }
        pango_context_set_base_dir(context, base)
        for layout in layouts.values { pango_layout_context_changed(layout) }
    }

    /// The layout for `style` holding `text`, wrapped at `width` points (words, then characters).
    func layout(_ text: String, style: TextStyle, width: Double, alignment: PangoAlignment) -> OpaquePointer {
        let layout = layouts[style] ?? makeLayout(style)
        pango_layout_set_width(layout, Int32((width * Double(PANGO_SCALE)).rounded(.down)))
        pango_layout_set_alignment(layout, alignment)
        text.withCString { pango_layout_set_text(layout, $0, -1) }
        return layout
    }

    /// Height in points of the laid-out layout.
    func height(of layout: OpaquePointer) -> Double {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.height) / Double(PANGO_SCALE)
    }

    private func makeLayout(_ style: TextStyle) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        let description = pango_font_description_from_string(style.pangoDescription)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_auto_dir(layout, 0)
        layouts[style] = layout
        return layout
    }
}
