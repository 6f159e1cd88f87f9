import Foundation
import TestSupport

/// Reads a produced PDF with poppler's tools, as a person's viewer would: its text (per page)
/// and its page count.
struct PDFText {
    let pages: [String]

    /// Writes `bytes` to a temporary file and extracts each page's text with `pdftotext`.
    init(_ bytes: [UInt8]) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("invoice-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let info = try Self.run("/usr/bin/pdfinfo", [file.path])
        guard let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
            let count = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        else { throw RawHTTP.Failure(description: "pdfinfo: \(info)") }
        pages = try (1...count).map { page in
            try Self.run("/usr/bin/pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", file.path, "-"])
        }
    }

    /// All pages' text.
    var text: String { pages.joined(separator: "\n") }

    /// `pdfinfo`'s fields (Title, Creator, Pages, ...).
    static func info(_ bytes: [UInt8]) throws -> [String: String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("invoice-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var fields: [String: String] = [:]
        for line in try run("/usr/bin/pdfinfo", [file.path]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RawHTTP.Failure(description: "\(tool) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
