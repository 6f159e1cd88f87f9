import PluginSDK

/// A page request: `page` (from 1) and `page_size` limited to the sizes a screen offers.
struct Paging: Sendable {
    let page: Int64
    let size: Int64

    var offset: Int64 { (page - 1) * size }

    /// Reads `page` and `page_size`; a size not in `allowed` answers -5000.
    init(_ params: Params, allowed: [Int64] = [10, 20, 50], defaultSize: Int64 = 20) throws {
        let page = try params.int("page") ?? 1
        guard page >= 1, page <= 1_000_000 else { throw KernelError.badParameter("page", .outOfRange(1...1_000_000)) }
        let size = try params.int("page_size") ?? defaultSize
        guard allowed.contains(size) else { throw KernelError.badParameter("page_size", .notOneOf(allowed.map(String.init))) }
        self.page = page
        self.size = size
    }

    /// ShopXO's page structure around `rows`.
    func shopxoPage(total: Int64, rows: [JSON], fields: [JSON]) -> JSON {
        [
            "page": .int(page),
            "page_start": .int(offset),
            "page_size": .string(String(size)),
            "page_total": .int(max(1, (total + size - 1) / size)),
            "data_total": .int(total),
            "data_list": .array(rows),
            "field_list": .array(fields),
        ]
    }
}
