import PluginSDK

/// A store's customer: the person invoices are sent to.
struct Customer: Sendable {
    let id: Int64
    let code: String
    var name: String
    var email: String?
    var phone: String?
    var language: Language
    var tags: [String]

    var json: JSON {
        [
            "code": .string(code), "name": .string(name), "email": JSON(email), "phone": JSON(phone),
            "language": .string(language.rawValue), "tags": .array(tags.map { .string($0) }),
        ]
    }
}

/// A store's catalog item: a product or service with its unit price.
struct CatalogItem: Sendable {
    let id: Int64
    let code: String
    var title: String
    var description: String
    /// Unit price as a decimal string ("1200.50"), checked against the currency when invoiced.
    var amount: String
    var haveTax: Bool

    var json: JSON {
        ["code": .string(code), "title": .string(title), "description": .string(description), "amount": .string(amount), "haveTax": .bool(haveTax)]
    }
}
