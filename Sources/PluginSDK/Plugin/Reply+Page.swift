extension Reply {
    /// The one shape of every paged list outside ShopXO's actions:
    /// `{"items": [...], "page": 1, "page_size": 20, "total": 57, "page_total": 3}` - the page's
    /// rows, the page asked for (from 1), its size, the rows in all and the pages in all.
    public static func page(_ items: [JSON], page: Int64, pageSize: Int64, total: Int64) -> Reply {
        .ok(.object(pageData(items, page: page, pageSize: pageSize, total: total)))
    }

    /// The members of `page(_:page:pageSize:total:)`, for an answer that adds its own beside them.
    public static func pageData(_ items: [JSON], page: Int64, pageSize: Int64, total: Int64) -> JSONObject {
        let pages = pageSize > 0 ? (total + pageSize - 1) / pageSize : 0
        return ["items": .array(items), "page": .int(page), "page_size": .int(pageSize), "total": .int(total), "page_total": .int(pages)]
    }
}
