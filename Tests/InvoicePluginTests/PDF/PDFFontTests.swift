import Foundation
import Kernel
import PluginSDK
import Printing
import Synchronization
import TestSupport
import Testing

@testable import InvoicePlugin

/// The fonts PDFs print with: the TrueType conversion of Noto Sans CJK SC found wherever the
/// server runs from, and the original font when it is missing.
@Suite("PDF fonts")
struct PDFFontTests {
    @Test func theConvertedChineseFontIsFoundAndEmbeddedAsTrueType() async throws {
        #expect(FontLibrary.standard.has(family: "Noto Sans CJK SC TrueType"), "run make deps: \(FontLibrary.standard.folders)")
        let bytes = try await Self.render(language: .zh, fonts: .standard)
        let fonts = try PDFText.fonts(bytes)
        #expect(fonts.contains { $0.name.hasPrefix("NotoSansCJKscTrueType") && $0.type.hasPrefix("CID TrueType") }, "\(fonts)")
        #expect(!fonts.contains { $0.name.hasPrefix("NotoSansCJKsc-") })
        #expect(try PDFText(bytes).text.contains("付款凭证"))
    }

    @Test func withoutTheConvertedFontChineseStillPrintsFromTheOriginal() async throws {
        let original = FontLibrary(folders: [])
        #expect(!original.has(family: "Noto Sans CJK SC TrueType"))
        let bytes = try await Self.render(language: .zh, fonts: original)
        let fonts = try PDFText.fonts(bytes)
        #expect(fonts.contains { $0.name.hasPrefix("NotoSansCJKsc-") }, "\(fonts)")
        let text = try PDFText(bytes).text
        #expect(text.contains("付款凭证") && text.contains("单据编号"))
        // The converted font prints the same text.
        #expect(try PDFText(try await Self.render(language: .zh, fonts: .standard)).text == text)
    }

    @Test func theFontsFolderIsFoundFromTheEnvironmentAnInstallPrefixOrTheSourceTree() throws {
        let root = URL(fileURLWithPath: TestServer.temporaryFolder())
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        let chosen = root.appendingPathComponent("elsewhere")
        let installed = root.appendingPathComponent("usr/share/invoice-server/fonts")
        let tree = root.appendingPathComponent("work/repo")
        for folder in [chosen, installed, tree.appendingPathComponent("fonts/generated"), tree.appendingPathComponent(".build/x86_64/release")] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try Data("// swift-tools-version:6.0".utf8).write(to: tree.appendingPathComponent("Package.swift"))

        let fromEnvironment = FontFolders.search(
            environment: [FontFolders.environmentKey: chosen.path], executable: root.appendingPathComponent("usr/bin/invoice-server").path)
        #expect(fromEnvironment == [chosen.path, installed.path])
        let fromTree = FontFolders.search(environment: [:], executable: tree.appendingPathComponent(".build/x86_64/release/invoice-server").path)
        #expect(fromTree == [tree.appendingPathComponent("fonts/generated").path])
        #expect(FontFolders.search(environment: [:], executable: root.appendingPathComponent("opt/x/invoice-server").path).isEmpty)
        #expect(FontFolders.search(environment: [FontFolders.environmentKey: root.appendingPathComponent("missing").path], executable: nil).isEmpty)
    }

    /// A one-line Chinese receipt rendered with `fonts`.
    static func render(language: Language, fonts: FontLibrary) async throws -> [UInt8] {
        var printed = try InvoicePDFContentTests.printed(language: language)
        printed.rows = [
            PrintedInvoice.Row(
                position: "1", title: "蓝色小部件", description: "阳极氧化铝", quantity: "2", unitPrice: "12.50 USD", discount: "",
                tax: "0.00 USD", amount: "25.00 USD")
        ]
        let invoice = printed
        return try await PDFRenderer(threads: 1, fonts: fonts).render(
            metadata: PDFMetadata(title: "test", date: invoice.date), direction: .leftToRight
        ) { canvas in
            InvoiceLayout(invoice).draw(on: canvas)
        }
    }
}
