/// What a route tells the API reference (`invoice-server docs`, `/docs`, the Postman
/// collection) beyond its declaration: its summary in Chinese and Persian, an example request,
/// and the codes the plugin itself may answer. The kernel's own codes (a bad parameter, login
/// required, no permission) are derived from the access level and never declared here.
public struct RouteReference: Sendable {
    /// The summary in Chinese and Persian; nil: the English summary in every language.
    public var translations: (zh: String, fa: String)?
    /// An example request's parameters; `{{name}}` values are the collection's variables. Nil:
    /// one is made from the declared parameters (required ones only).
    public var example: JSONObject?
    /// Collection variables the example's answer sets, each from a member of its `data` by a
    /// dotted path (`("invoice_id", "id")`, `("application_id", "data_list.0.id")`), for the
    /// examples after it.
    public var saves: [(variable: String, member: String)] = []
    /// Codes the action itself may answer, each with when.
    public var errors: [DocumentedError] = []

    public init() {}
}

/// A code an action may answer, and when.
public struct DocumentedError: Sendable, Equatable {
    public let code: ResultCode
    public let when: LocalizedText

    public init(code: ResultCode, when: LocalizedText) {
        self.code = code
        self.when = when
    }
}

extension Route {
    /// The summary in every language the reference shows.
    public var localizedSummary: LocalizedText {
        guard let translations = reference.translations else { return LocalizedText(verbatim: summary) }
        return LocalizedText(en: summary, zh: translations.zh, fa: translations.fa)
    }

    /// This route with its summary in Chinese and Persian.
    public func described(zh: String, fa: String) -> Route {
        var route = self
        route.reference.translations = (zh, fa)
        return route
    }

    /// This route with an example request (its parameters; `{{name}}` names a collection
    /// variable, such as `{{invoice_number}}`).
    public func example(_ params: JSONObject, saves: [(variable: String, member: String)] = []) -> Route {
        var route = self
        route.reference.example = params
        route.reference.saves = saves
        return route
    }

    /// This route, documented to answer `code` when `when` happens.
    public func answers(_ code: ResultCode, when: LocalizedText) -> Route {
        var route = self
        route.reference.errors.append(DocumentedError(code: code, when: when))
        return route
    }
}
