import PluginSDK

/// The printed invoice as the `invoice.pdf_data` filter hook sees it: every text on the page by
/// name. A filter may change any of them (a stamp in the footer, another heading, a translated
/// label) or add lines; fields it drops or breaks keep their printed value. `kind` (receipt or
/// pro_forma) and `language` are for reading only; the logo is not in it.
extension PrintedInvoice {
    var json: JSON {
        [
            "language": .string(language.rawValue),
            "kind": .string(kind == .proForma ? "pro_forma" : "receipt"),
            "heading": .string(heading),
            "store_name": .string(storeName),
            "store_address": .string(storeAddress),
            "store_tax_id": .string(storeTaxID),
            "number": .string(number),
            "notice": .string(notice),
            "bill_to_heading": .string(billToHeading),
            "bill_to": .array(billTo.map { .string($0) }),
            "facts": Self.json(facts),
            "application_heading": .string(applicationHeading),
            "application": Self.json(application),
            "columns": Self.json(columns),
            "rows": .array(rows.map(Self.json)),
            "totals": Self.json(totals),
            "pay_link": payLink.map { ["label": .string($0.label), "value": .string($0.value)] } ?? .null,
            "footer": .string(footer),
        ]
    }

    /// This invoice with the fields `json` carries in their printed shape.
    func applying(_ json: JSON) -> PrintedInvoice {
        var changed = self
        changed.heading = json["heading"]?.stringValue ?? heading
        changed.storeName = json["store_name"]?.stringValue ?? storeName
        changed.storeAddress = json["store_address"]?.stringValue ?? storeAddress
        changed.storeTaxID = json["store_tax_id"]?.stringValue ?? storeTaxID
        changed.notice = json["notice"]?.stringValue ?? notice
        changed.billToHeading = json["bill_to_heading"]?.stringValue ?? billToHeading
        changed.billTo = json["bill_to"]?.arrayValue.flatMap { lines in
            let texts = lines.compactMap(\.stringValue)
            return texts.count == lines.count ? texts : nil
        } ?? billTo
        changed.facts = Self.facts(json["facts"]) ?? facts
        changed.applicationHeading = json["application_heading"]?.stringValue ?? applicationHeading
        changed.application = Self.facts(json["application"]) ?? application
        changed.columns = json["columns"].flatMap(Self.row) ?? columns
        changed.rows = json["rows"]?.arrayValue.flatMap { rows in
            let parsed = rows.compactMap(Self.row)
            return parsed.count == rows.count ? parsed : nil
        } ?? rows
        changed.totals = Self.facts(json["totals"]) ?? totals
        if let link = json["pay_link"] {
            changed.payLink = link.isNull ? nil : Self.facts(.array([link]))?.first ?? payLink
        }
        changed.footer = json["footer"]?.stringValue ?? footer
        return changed
    }

    private static func json(_ facts: [Fact]) -> JSON {
        .array(facts.map { ["label": .string($0.label), "value": .string($0.value), "strong": .bool($0.strong)] })
    }

    private static func json(_ row: Row) -> JSON {
        [
            "position": .string(row.position), "title": .string(row.title), "description": .string(row.description),
            "quantity": .string(row.quantity),
            "unit_price": .string(row.unitPrice), "discount": .string(row.discount), "tax": .string(row.tax),
            "amount": .string(row.amount),
        ]
    }

    private static func facts(_ json: JSON?) -> [Fact]? {
        guard let items = json?.arrayValue else { return nil }
        let facts = items.compactMap { item -> Fact? in
            guard let label = item["label"]?.stringValue, let value = item["value"]?.stringValue else { return nil }
            return Fact(label: label, value: value, strong: item["strong"]?.boolValue ?? false)
        }
        return facts.count == items.count ? facts : nil
    }

    private static func row(_ json: JSON) -> Row? {
        let keys = ["position", "title", "quantity", "unit_price", "discount", "tax", "amount"]
        let cells = keys.compactMap { json[$0]?.stringValue }
        guard cells.count == keys.count else { return nil }
        return Row(
            position: cells[0], title: cells[1], description: json["description"]?.stringValue ?? "", quantity: cells[2],
            unitPrice: cells[3], discount: cells[4], tax: cells[5], amount: cells[6])
    }
}
