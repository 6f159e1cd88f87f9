import CPangoCairo

/// The fonts documents are printed with: the system's fonts (fontconfig's own configuration),
/// the folders of fonts made for printing (see `FontFolders`), and one rule of our own for
/// emoji. Pango asks for emoji in a color font; Cairo 1.16 embeds color glyphs as small bitmaps
/// that print blurred and cannot be selected or searched, so Symbola's outlines come first and a
/// color font (Noto Color Emoji) only draws the emoji Symbola lacks. One library is shared by
/// every render thread; it is never changed after it is made.
public final class FontLibrary: @unchecked Sendable {
    /// The library of the fonts found by `FontFolders.search()`, made on first use.
    public static let standard = FontLibrary(folders: FontFolders.search())

    /// The extra folders whose fonts were added.
    public let folders: [String]
    /// fontconfig's `FcConfig`, handed to each render thread's Pango font map.
    let config: OpaquePointer

    private static let rules = """
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
        <fontconfig>
          <match target="pattern">
            <test name="family"><string>emoji</string></test>
            <edit name="family" mode="prepend_first" binding="strong"><string>Symbola</string></edit>
            <edit name="color" mode="delete_all"/>
          </match>
        </fontconfig>
        """

    /// The system's fonts plus those in `folders` (folders that cannot be read are left out).
    public init(folders: [String]) {
        let config: OpaquePointer = FcInitLoadConfigAndFonts()
        self.config = config
        self.folders = folders.filter { folder in Self.fontconfigString(folder) { FcConfigAppFontAddDir(config, $0) } == FcTrue }
        _ = Self.fontconfigString(Self.rules) { FcConfigParseAndLoadFromMemory(config, $0, FcFalse) }
    }

    deinit { FcConfigDestroy(config) }

    /// Whether a font of `family` (any style) is available.
    public func has(family: String) -> Bool {
        guard let pattern = FcPatternCreate() else { return false }
        defer { FcPatternDestroy(pattern) }
        _ = Self.fontconfigString(family) { FcPatternAddString(pattern, FC_FAMILY, $0) }
        let properties = FcObjectSetCreate()
        defer { FcObjectSetDestroy(properties) }
        _ = FcObjectSetAdd(properties, FC_FAMILY)
        guard let fonts = FcFontList(config, pattern, properties) else { return false }
        defer { FcFontSetDestroy(fonts) }
        return fonts.pointee.nfont > 0
    }

    /// fontconfig takes text as unsigned bytes.
    private static func fontconfigString<T>(_ text: String, _ body: (UnsafePointer<FcChar8>) -> T) -> T {
        text.withCString { pointer in
            pointer.withMemoryRebound(to: FcChar8.self, capacity: text.utf8.count + 1, body)
        }
    }
}
