import Crypto
import Foundation
import PluginSDK

/// An `attachment/upload` request read and checked before any write: the `file` part (a
/// multipart file, or `{"filename", "base64"}` in JSON), its name (`name`, else the file's own
/// name without folders) and its type from the bytes. Every refusal is a -5000 saying why.
struct AttachmentUpload: Sendable {
    static let maxNameLength = 200

    let name: String
    let type: AttachmentType
    let bytes: [UInt8]
    let sha256: String

    init(_ params: Params, limits: AttachmentLimits) throws {
        guard let file = params["file"], let encoded = file["base64"]?.stringValue else {
            throw KernelError.badParameter("file", .missing)
        }
        guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
            throw KernelError.badParameter("file", .malformed)
        }
        guard !data.isEmpty else { throw AttachmentMessages.empty }
        guard data.count <= limits.fileBytes else { throw AttachmentMessages.tooLarge(bytes: Int64(data.count), limit: limits.fileBytes) }
        bytes = Array(data)
        guard let type = AttachmentType(of: bytes) else {
            throw AttachmentMessages.unsupportedType(declared: file["content_type"]?.stringValue ?? "")
        }
        self.type = type
        let given = params.string("name").flatMap { $0.isEmpty ? nil : $0 } ?? file["filename"]?.stringValue ?? ""
        name = Self.cleanName(given, type: type)
        sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The last path component without control characters, at most `maxNameLength`
    /// characters; "attachment.<ext>" when nothing is left.
    static func cleanName(_ given: String, type: AttachmentType) -> String {
        let base = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let visible = String(base.unicodeScalars.filter { !$0.properties.generalCategory.isControl }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        guard !visible.isEmpty else { return "attachment." + (type == .text ? "txt" : type.rawValue) }
        return String(visible.prefix(maxNameLength))
    }
}

extension Unicode.GeneralCategory {
    /// Control, format and separator characters other than the space: nothing a file name shows.
    fileprivate var isControl: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: true
        default: false
        }
    }
}
