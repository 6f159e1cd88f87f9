/// A fragment of markup. Only string literals written in this module's source become markup as
/// they are; every interpolated `String` is escaped, so text from requests, the database or
/// plugin answers can never become markup.
public struct HTML: Sendable, ExpressibleByStringInterpolation {
    /// The markup as text.
    public private(set) var rendered: String

    public init(stringLiteral value: String) {
        rendered = value
    }

    public init(stringInterpolation: Interpolation) {
        rendered = stringInterpolation.output
    }

    /// Nothing.
    static let empty: HTML = ""

    /// Fragments one after another.
    init(joining parts: [HTML]) {
        rendered = parts.map(\.rendered).joined()
    }

    /// Builds markup from literals and escaped values.
    public struct Interpolation: StringInterpolationProtocol {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity * 2)
        }

        public mutating func appendLiteral(_ literal: String) {
            output += literal
        }

        /// Text, escaped for element content and quoted attribute values alike.
        public mutating func appendInterpolation(_ text: String) {
            output += HTML.escape(text)
        }

        /// A number.
        public mutating func appendInterpolation(_ number: Int64) {
            output += String(number)
        }

        /// A number.
        public mutating func appendInterpolation(_ number: Int) {
            output += String(number)
        }

        /// Markup built elsewhere (itself made of literals and escaped text).
        public mutating func appendInterpolation(_ html: HTML) {
            output += html.rendered
        }

        /// Several fragments in order.
        public mutating func appendInterpolation(_ list: [HTML]) {
            for html in list { output += html.rendered }
        }
    }

    /// `text` with the five characters that matter in HTML replaced by references.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}

extension Array where Element == HTML {
    /// The fragments one after another.
    var joined: HTML { HTML(joining: self) }
}
