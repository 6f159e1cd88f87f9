/// How a run of text looks: a Pango font family list, a size in points, a weight and a gray level.
public struct TextStyle: Hashable, Sendable {
    /// Comma-separated families, tried in order for each character (e.g. "Noto Sans, Noto Sans CJK SC").
    public var families: String
    /// Size in points (1/72 inch).
    public var size: Double
    public var bold: Bool
    /// 0 is black, 1 is white.
    public var gray: Double

    public init(families: String, size: Double, bold: Bool = false, gray: Double = 0) {
        self.families = families
        self.size = size
        self.bold = bold
        self.gray = gray
    }

    /// The same style with another size, weight or gray.
    public func with(size: Double? = nil, bold: Bool? = nil, gray: Double? = nil) -> TextStyle {
        TextStyle(families: families, size: size ?? self.size, bold: bold ?? self.bold, gray: gray ?? self.gray)
    }

    /// Pango's font description string, e.g. "Noto Sans, Noto Sans CJK SC Bold 9.5".
    var pangoDescription: String {
        "\(families)\(bold ? " Bold" : "") \(size)"
    }
}

/// Where text sits in its box, relative to the reading direction: leading is left in English and
/// right in Persian.
public enum TextAlignment: Sendable {
    case leading, center, trailing
}

/// The reading direction of a whole document; right-to-left mirrors every box on the page.
public enum TextDirection: Sendable {
    case leftToRight, rightToLeft
}

/// A page size in points.
public struct PageSize: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// ISO A4, 210 x 297 mm.
    public static let a4 = PageSize(width: 595.276, height: 841.89)
}
