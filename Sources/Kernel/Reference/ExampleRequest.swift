import PluginSDK

/// One request of the Postman collection, as the reference runs it: an action, its example
/// parameters (`{{name}}` values are collection variables), the variable holding the credential
/// it is sent with, and the variables its answer sets.
public struct ExampleRequest: Sendable {
    public let action: APIReference.Action
    public let params: JSONObject
    /// The variable whose value is sent as the credential (`X-Api-Key` for API-key actions,
    /// `Authorization: Bearer` otherwise); nil: none.
    public let credential: String?
    /// Variables set from members of the answer's `data`.
    public let saves: [(variable: String, member: String)]

    /// The action's own example, sent as its access level needs.
    init(_ action: APIReference.Action) {
        self.init(action, params: action.example, saves: action.route.reference.saves)
    }

    init(_ action: APIReference.Action, params: JSONObject, saves: [(variable: String, member: String)]) {
        self.action = action
        self.params = params
        self.saves = saves
        switch action.route.access {
        case .public: credential = nil
        case .user: credential = params["token"] == nil ? "user_token" : nil
        case .admin: credential = params["token"] == nil ? "admin_token" : nil
        case .apiKey: credential = params["token"] == nil ? "api_key" : nil
        }
    }

    /// The header carrying the credential.
    public var credentialHeader: (name: String, value: String)? {
        guard let credential else { return nil }
        if case .apiKey = action.route.access { return ("X-Api-Key", "{{\(credential)}}") }
        return ("Authorization", "Bearer {{\(credential)}}")
    }

    /// The request body as JSON text, variables still in place.
    public var body: String { params.text }
}

extension JSONObject {
    /// Compact JSON text.
    var text: String { JSON.object(self).text }
}
