import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

/// The store's logo and tax id in the settings, as the admin's settings page sends them (JSON
/// with base64, or a multipart upload), checked, shown back, and printed on PDFs.
@Suite("Store logo and tax id")
struct StoreLogoTests {
    @Test func aBase64LogoIsCheckedShownAndPrintedOnEveryPDF() async throws {
        try await PDFShop.with { shop in
            let png = TestPNG.make(width: 150, height: 40)
            let saved = try await shop.fixture.admin(
                "settings", "save", ["store_logo": .string(Data(png).base64EncodedString()), "store_tax_id": "91310000MA1K4A"],
                token: shop.adminToken)
            #expect(saved.code == 0, "\(saved.text)")
            let logo = try #require(saved.data?["settings"]?["store_logo"])
            #expect(logo["content_type"] == "image/png" && logo["width"] == 150 && logo["height"] == 40)
            #expect(logo["bytes"]?.intValue == Int64(png.count))
            #expect(logo["data_url"]?.stringValue == "data:image/png;base64," + Data(png).base64EncodedString())

            let viewed = try await shop.fixture.admin("settings", "view", token: shop.adminToken)
            #expect(viewed.data?["settings"]?["store_logo"] == logo)
            #expect(viewed.data?["settings"]?["store_tax_id"] == "91310000MA1K4A")
            // Today's keys are all still there, with their values.
            for key in ["currency", "tax_rate_bp", "tax_inclusive", "number_pattern", "yearly_reset", "real_money_gateways",
                "stripe_webhook_secret", "paypal_webhook_secret", "store_name", "store_address", "pdf_language", "pdf_calendar"]
            {
                #expect(viewed.data?["settings"]?[key] != nil, "missing \(key)")
            }
            #expect(viewed.data?["settings"]?["store_name"] == "Example Trading Ltd")

            let (user, _) = try await shop.fixture.server.user("logo")
            let paid = try await shop.paid(userID: user, products: InvoicePDFTests.products)
            for lang in ["en", "zh", "fa"] {
                let pdf = try await shop.fixture.merchant("pdf", ["id": .int(paid.id), "lang": .string(lang)]).body
                let images = try PDFText.images(pdf)
                #expect(images.contains { $0.width == 150 && $0.height == 40 }, "\(lang): \(images)")
                #expect(try PDFText(pdf).text.contains("91310000MA1K4A"))
            }
        }
    }

    @Test func aLogoUploadedAsAFileIsAcceptedAndAnEmptyValueRemovesIt() async throws {
        try await PDFShop.with { shop in
            let png = TestPNG.make(width: 120, height: 40)
            let boundary = "----settings\(UUID().uuidString.prefix(8))"
            var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"store_tax_id\"\r\n\r\nVAT-77\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"store_logo\"; filename=\"logo.png\"\r\n".utf8)
            body += Array("Content-Type: image/png\r\n\r\n".utf8) + png + Array("\r\n--\(boundary)--\r\n".utf8)
            let uploaded = try await RawHTTP.send(
                port: shop.fixture.server.port,
                target: "/admin/plugins/index?pluginsname=invoice&pluginscontrol=settings&pluginsaction=save&token=\(shop.adminToken)",
                headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body)
            #expect(uploaded.code == 0, "\(uploaded.text)")
            #expect(uploaded.data?["settings"]?["store_logo"]?["width"] == 120)
            #expect(uploaded.data?["settings"]?["store_tax_id"] == "VAT-77")

            // Saving other keys keeps the logo; an empty store_logo removes it.
            let other = try await shop.fixture.admin("settings", "save", ["store_name": "Renamed Ltd"], token: shop.adminToken)
            #expect(other.data?["settings"]?["store_logo"]?["width"] == 120)
            let removed = try await shop.fixture.admin("settings", "save", ["store_logo": ""], token: shop.adminToken)
            #expect(removed.data?["settings"]?["store_logo"] == .null)
            let (user, _) = try await shop.fixture.server.user("nologo")
            let paid = try await shop.paid(userID: user, products: InvoicePDFTests.products)
            #expect(try PDFText.images(try await shop.fixture.merchant("pdf", ["id": .int(paid.id)]).body).isEmpty)
        }
    }

    @Test func badLogosAreRefusedWithAReasonAndTheLogoIsKept() async throws {
        try await PDFShop.with { shop in
            let good = TestPNG.make(width: 64, height: 64)
            #expect(try await shop.fixture.admin(
                "settings", "save", ["store_logo": .string(Data(good).base64EncodedString())], token: shop.adminToken).code == 0)
            let gif = Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 40)
            let truncated = Array(TestPNG.make(width: 64, height: 64).prefix(60))
            let large = TestPNG.make(width: 200, height: 100)  // 60 KB of stored pixels
            let wide = TestPNG.make(width: 2_500, height: 2)
            let cases: [(JSON, String)] = [
                (.string(Data(gif).base64EncodedString()), "not a PNG"),
                (.string(Data(truncated).base64EncodedString()), "does not decode"),
                // Its base64 text is over the server's max_string_bytes: the kernel refuses it first.
                (.string(Data(large).base64EncodedString()), "longer than 65536 bytes"),
                (.string(Data(wide).base64EncodedString()), "at most 2000 on each side"),
                (.string("%%% not base64 %%%"), "base64 text or an uploaded file"),
                (.int(12), "base64 text or an uploaded file"),
                (["filename": "logo.png", "content_type": "image/png", "size": 3], "base64 text or an uploaded file"),
            ]
            for (value, reason) in cases {
                let answer = try await shop.fixture.admin(
                    "settings", "save", ["store_logo": value, "store_name": "Changed"], token: shop.adminToken)
                #expect(answer.code == -5000, "\(reason): \(answer.text)")
                #expect(answer.msg?.contains(reason) == true, "\(answer.msg ?? "")")
            }
            let viewed = try await shop.fixture.admin("settings", "view", token: shop.adminToken)
            #expect(viewed.data?["settings"]?["store_logo"]?["width"] == 64)
            #expect(viewed.data?["settings"]?["store_name"] == "Example Trading Ltd")
        }
    }

    @Test func aLogoOver48KiBIsRefusedEvenWhenTheServerTakesLongerStrings() async throws {
        try await PDFShop.with(configure: { $0.maxStringBytes = 256 << 10 }) { shop in
            let large = TestPNG.make(width: 200, height: 100)
            let answer = try await shop.fixture.admin(
                "settings", "save", ["store_logo": .string(Data(large).base64EncodedString())], token: shop.adminToken)
            #expect(answer.code == -5000)
            #expect(answer.msg == "store_logo is \(large.count) bytes; at most 49152 bytes")
        }
    }
}
