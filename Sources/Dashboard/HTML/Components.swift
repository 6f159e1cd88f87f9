import Foundation
import Kernel
import PluginSDK

/// The pieces pages are made of: forms with their CSRF field, labelled inputs, tables, a pager
/// and notices. Every input gets a `<label>`; ids come from the field name.
enum Components {
    /// A POST form carrying the CSRF token.
    static func form(_ context: PageContext, action: String, classes: String = "stack", multipart: Bool = false, _ body: HTML) -> HTML {
        let encoding: HTML = multipart ? " enctype=\"multipart/form-data\"" : ""
        return """
            <form method="post" action="\(action)" class="\(classes)"\(encoding)>\
            <input type="hidden" name="\(CSRF.field)" value="\(context.csrfToken)">\(body)</form>
            """
    }

    /// A form with one button (enable, revoke, pause...), asking first when `confirm` is given.
    static func button(
        _ context: PageContext, action: String, label: String, fields: [(String, String)] = [], danger: Bool = false, confirm: Bool = false
    ) -> HTML {
        let hidden = fields.map { field -> HTML in "<input type=\"hidden\" name=\"\(field.0)\" value=\"\(field.1)\">" }.joined
        let prompt: HTML = confirm ? " data-confirm=\"\(context.t(CommonText.confirm))\"" : ""
        return form(
            context, action: action, classes: "inline",
            "\(hidden)<button type=\"submit\" class=\"\(danger ? "danger" : "secondary")\"\(prompt)>\(label)</button>")
    }

    /// A labelled input.
    static func input(
        _ label: String, name: String, value: String = "", type: String = "text", required: Bool = false, hint: String? = nil,
        id: String? = nil, extra: HTML = ""
    ) -> HTML {
        let identifier = id ?? "f-" + name
        let hintHTML: HTML = hint.map { "<small id=\"\(identifier)-hint\">\($0)</small>" } ?? ""
        let described: HTML = hint == nil ? "" : " aria-describedby=\"\(identifier)-hint\""
        return """
            <div class="field" data-field="\(name)"><label for="\(identifier)">\(label)</label>\
            <input id="\(identifier)" name="\(name)" type="\(type)" value="\(value)"\(required ? " required" : "")\(described)\(extra)>\(hintHTML)</div>
            """
    }

    /// A labelled text area.
    static func textarea(_ label: String, name: String, value: String = "", rows: Int = 3, hint: String? = nil) -> HTML {
        let hintHTML: HTML = hint.map { "<small>\($0)</small>" } ?? ""
        return """
            <div class="field" data-field="\(name)"><label for="f-\(name)">\(label)</label>\
            <textarea id="f-\(name)" name="\(name)" rows="\(rows)">\(value)</textarea>\(hintHTML)</div>
            """
    }

    /// A labelled drop-down; `autosubmit` submits its form when changed (with script).
    static func select(
        _ label: String, name: String, options: [(value: String, label: String)], selected: String?, autosubmit: Bool = false
    ) -> HTML {
        let choices = options.map { option -> HTML in
            "<option value=\"\(option.value)\"\(option.value == selected ? " selected" : "")>\(option.label)</option>"
        }.joined
        return """
            <div class="field" data-field="\(name)"><label for="f-\(name)">\(label)</label>\
            <select id="f-\(name)" name="\(name)"\(autosubmit ? " data-autosubmit" : "")>\(choices)</select></div>
            """
    }

    /// A labelled check box.
    static func checkbox(_ label: String, name: String, checked: Bool, value: String = "1", id: String? = nil) -> HTML {
        let identifier = id ?? "f-" + name
        return """
            <div class="field check"><input type="checkbox" id="\(identifier)" name="\(name)" value="\(value)"\(checked ? " checked" : "")>\
            <label for="\(identifier)">\(label)</label></div>
            """
    }

    /// A submit button.
    static func submit(_ label: String) -> HTML {
        "<div class=\"actions\"><button type=\"submit\">\(label)</button></div>"
    }

    /// A table; `rows` hold cells already made of markup.
    static func table(_ context: PageContext, caption: String, headers: [String], rows: [[HTML]]) -> HTML {
        guard !rows.isEmpty else { return "<p class=\"empty\">\(context.t(CommonText.none))</p>" }
        let head = headers.map { header -> HTML in "<th scope=\"col\">\(header)</th>" }.joined
        let body = rows.map { cells -> HTML in
            let tds = zip(headers, cells).map { header, cell -> HTML in "<td data-label=\"\(header)\">\(cell)</td>" }.joined
            return "<tr>\(tds)</tr>"
        }.joined
        return """
            <div class="table-wrap"><table><caption>\(caption)</caption><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table></div>
            """
    }

    /// Label/value pairs.
    static func facts(_ pairs: [(String, HTML)]) -> HTML {
        let items = pairs.map { pair -> HTML in "<dt>\(pair.0)</dt><dd>\(pair.1)</dd>" }.joined
        return "<dl class=\"facts\">\(items)</dl>"
    }

    /// Previous / next links keeping the other query parameters.
    static func pager(_ context: PageContext, page: Int64, pageTotal: Int64, total: Int64) -> HTML {
        var query = context.request.query.values
        query["lang"] = nil
        func link(_ target: Int64) -> String {
            query["page"] = .string(String(target))
            return context.request.path + "?" + QueryText.encode(query)
        }
        let previous: HTML = page > 1 ? "<a href=\"\(link(page - 1))\" rel=\"prev\">\(context.t(CommonText.previous))</a>" : ""
        let next: HTML = page < pageTotal ? "<a href=\"\(link(page + 1))\" rel=\"next\">\(context.t(CommonText.next))</a>" : ""
        return """
            <nav class="pager" aria-label="\(context.t(CommonText.page))">\(previous)\
            <span>\(context.t(CommonText.page)) \(page) / \(max(pageTotal, 1)) · \(total)</span>\(next)</nav>
            """
    }

    /// The pager of an answer carrying `page` and `page_size`, with `total` rows in all.
    static func pager(_ context: PageContext, _ data: JSON, total: Int64) -> HTML {
        let size = max(1, data["page_size"]?.intValue ?? 20)
        return pager(context, page: data["page"]?.intValue ?? 1, pageTotal: (total + size - 1) / size, total: total)
    }

    /// A message box; errors are announced to screen readers.
    static func notice(_ message: String, error: Bool = false) -> HTML {
        "<p class=\"notice\(error ? " error" : "")\" role=\"\(error ? "alert" : "status")\">\(message)</p>"
    }

    /// An answer's message as an error box, or nothing when it succeeded.
    static func failure(_ answer: Answer) -> HTML {
        answer.ok ? "" : notice(answer.message, error: true)
    }

    /// An amount and its currency, isolated so that they keep their order in Persian text.
    static func money(_ amount: JSON?, _ currency: JSON?) -> HTML {
        "<bdi>\(amount?.stringValue ?? "") \(currency?.stringValue ?? "")</bdi>"
    }

    /// A time as the actions answer it - ISO 8601 in UTC (`Z`, the merchant API's) or ShopXO's
    /// "2026-11-30 21:17:30" (already the store's wall clock) - to the minute in the store's zone,
    /// with its offset: "2027-01-01 01:30 UTC+08:00".
    static func time(_ value: JSON?, zone: TimeZoneRules) -> HTML {
        guard let text = value?.stringValue, let (wall, _) = CivilTime.parse(String(text.prefix(19))) else {
            return "\(value?.stringValue ?? "")"
        }
        let moment = text.hasSuffix("Z") ? wall : zone.firstMoment(atOrAfter: wall)
        return "<bdi>\(CivilTime.minutes(zone.wallClock(moment))) \(zone.offsetText(at: moment))</bdi>"
    }

    /// A status word in a badge.
    static func badge(_ text: String, kind: String) -> HTML {
        "<span class=\"badge \(kind)\">\(text)</span>"
    }
}

/// Query strings for links.
enum QueryText {
    /// `a=1&b=x%20y` from parameters (text values only; empty ones are left out).
    static func encode(_ values: JSONObject) -> String {
        values.compactMap { key, value -> String? in
            guard let text = value.stringValue, !text.isEmpty else { return nil }
            return escape(key) + "=" + escape(text)
        }.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters.
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || [45, 46, 95, 126].contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}
