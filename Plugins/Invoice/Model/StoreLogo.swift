import Foundation
import PluginSDK
import Printing

/// A store's logo: a PNG printed at the top of its invoice PDFs. Sent to `settings/save` as
/// `store_logo`, either base64 text (a `data:image/png;base64,` prefix is accepted) or a
/// multipart file part; an empty string removes it. Only the bytes decide what it is (PNG
/// signature, header, a full decode), never the file name or the declared content type.
struct StoreLogo: Sendable, Hashable {
    /// 48 KiB: its base64 text then fits the default `max_string_bytes` (64 KiB).
    static let maxBytes = 48 << 10
    /// Larger pictures would only make every PDF heavier: the logo prints at most 150 x 48 points.
    static let maxSide = 2_000

    let image: PNGImage
    let updatedAt: Int64

    /// What `store_logo` asks for: a new picture, or none (remove the logo).
    enum Change: Sendable {
        case set(PNGImage)
        case remove
    }

    /// Reads and checks the `store_logo` parameter; throws -5000 saying what is wrong.
    static func change(from value: JSON) throws -> Change {
        let text: String
        if let string = value.stringValue {
            text = string.hasPrefix("data:") ? String(string.drop(while: { $0 != "," }).dropFirst()) : string
        } else if let part = value["base64"]?.stringValue {
            text = part
        } else {
            throw InvoiceMessages.logoNotBase64
        }
        if text.isEmpty { return .remove }
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { throw InvoiceMessages.logoNotBase64 }
        guard data.count <= maxBytes else { throw InvoiceMessages.logoTooLarge(bytes: data.count, limit: maxBytes) }
        let image: PNGImage
        do {
            image = try PNGImage(Array(data))
            guard image.width <= maxSide && image.height <= maxSide else {
                throw InvoiceMessages.logoTooManyPixels(width: image.width, height: image.height, limit: maxSide)
            }
            try image.decodes()
        } catch PNGImage.Problem.notPNG {
            throw InvoiceMessages.logoNotPNG
        } catch PNGImage.Problem.undecodable {
            throw InvoiceMessages.logoUndecodable
        }
        return .set(image)
    }

    /// How settings show the logo: its size, and the picture as a data URL a page can display.
    var json: JSON {
        [
            "content_type": "image/png",
            "width": .int(Int64(image.width)),
            "height": .int(Int64(image.height)),
            "bytes": .int(Int64(image.bytes.count)),
            "updated_at": Invoice.iso(updatedAt),
            "data_url": .string("data:image/png;base64," + Data(image.bytes).base64EncodedString()),
        ]
    }
}
