import Foundation
import TestSupport

/// Reads a produced PDF with poppler's tools, as a person's viewer would: its text (per page),
/// its page count, and what `pdffonts`, `pdfimages` and `pdftotext -bbox` say about it.
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
        var fields: [String: String] = [:]
        for line in try tool("pdfinfo", [], bytes).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// The text as `pdftotext -layout` prints it: each line of the page on one line.
    static func layout(_ bytes: [UInt8]) throws -> String {
        try tool("pdftotext", ["-enc", "UTF-8", "-layout"], bytes, output: "-")
    }

    /// The embedded fonts as `pdffonts` names them, subset tag removed ("NotoSans-Bold").
    static func fonts(_ bytes: [UInt8]) throws -> [(name: String, type: String)] {
        try tool("pdffonts", [], bytes).split(separator: "\n").dropFirst(2).map { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let name = fields.first.map { $0.contains("+") ? String($0.split(separator: "+", maxSplits: 1)[1]) : String($0) } ?? ""
            return (name, fields.dropFirst().prefix(2).joined(separator: " "))
        }
    }

    /// The pictures on the pages as `pdfimages -list` gives them, in pixels.
    static func images(_ bytes: [UInt8]) throws -> [(width: Int, height: Int)] {
        try tool("pdfimages", ["-list"], bytes).split(separator: "\n").dropFirst(2).compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 4, fields[2] == "image", let width = Int(fields[3]), let height = Int(fields[4]) else { return nil }
            return (width, height)
        }
    }

    /// Each word with the height of its box in points (`pdftotext -bbox`): the printed size.
    static func wordHeights(_ bytes: [UInt8]) throws -> [(word: String, height: Double)] {
        let html = try tool("pdftotext", ["-enc", "UTF-8", "-bbox"], bytes, output: "-")
        return html.split(separator: "\n").compactMap { line in
            guard line.contains("<word"), let yMin = attribute("yMin", in: line), let yMax = attribute("yMax", in: line),
                let start = line.firstIndex(of: ">"), let end = line.range(of: "</word>")?.lowerBound
            else { return nil }
            return (String(line[line.index(after: start)..<end]), yMax - yMin)
        }
    }

    private static func attribute(_ name: String, in line: Substring) -> Double? {
        guard let range = line.range(of: "\(name)=\"") else { return nil }
        return Double(line[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Runs a poppler tool on `bytes` written to a temporary file (then `output`, if given).
    private static func tool(_ name: String, _ arguments: [String], _ bytes: [UInt8], output: String? = nil) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("invoice-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run("/usr/bin/\(name)", arguments + [file.path] + (output.map { [$0] } ?? []))
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
