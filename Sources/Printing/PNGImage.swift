import CPangoCairo

/// A PNG picture (a store's logo) checked to be one: the signature, a header chunk first with
/// its dimensions, and, with `decodes()`, that Cairo reads the whole picture.
public struct PNGImage: Hashable, Sendable {
    /// Why bytes are not a usable PNG.
    public enum Problem: Error, Sendable, Equatable {
        /// No PNG signature or no header chunk where the format puts it.
        case notPNG
        /// The picture does not decode (truncated or corrupt data).
        case undecodable
    }

    /// The file as sent.
    public let bytes: [UInt8]
    /// Size in pixels, from the header chunk.
    public let width: Int
    public let height: Int

    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads the signature and the header chunk (cheap; the pixels are not decoded).
    public init(_ bytes: [UInt8]) throws(Problem) {
        // Signature, then IHDR: length 13, "IHDR", width and height big-endian.
        guard bytes.count >= 33, bytes.starts(with: Self.signature), Array(bytes[8..<16]) == [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        else { throw .notPNG }
        func integer(at offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        width = integer(at: 16)
        height = integer(at: 20)
        guard width > 0, height > 0 else { throw .notPNG }
        self.bytes = bytes
    }

    /// Decodes the whole picture once with Cairo (libpng underneath) to prove it can be drawn.
    public func decodes() throws(Problem) {
        guard let surface = makeSurface() else { throw .undecodable }
        cairo_surface_destroy(surface)
    }

    /// A Cairo image surface of the picture, or nil when it does not decode. The caller owns it.
    func makeSurface() -> OpaquePointer? {
        var reader = Reader(bytes: bytes)
        let surface = withUnsafeMutablePointer(to: &reader) { pointer in
            cairo_image_surface_create_from_png_stream(
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                    let reader = closure.assumingMemoryBound(to: Reader.self)
                    return reader.pointee.read(into: data, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
                }, pointer)
        }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
            Int(cairo_image_surface_get_width(surface)) == width, Int(cairo_image_surface_get_height(surface)) == height
        else {
            if let surface { cairo_surface_destroy(surface) }
            return nil
        }
        return surface
    }

    /// Hands Cairo's PNG reader the bytes in the pieces it asks for.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
            guard count <= bytes.count - offset else { return false }
            bytes.withUnsafeBufferPointer { source in
                buffer.update(from: source.baseAddress! + offset, count: count)
            }
            offset += count
            return true
        }
    }
}
