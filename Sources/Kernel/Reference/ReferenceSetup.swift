import PluginSDK

/// What a fresh server needs before the examples run: four accounts (made with the CLI or
/// `Accounts`, never through the API, as on a real server), their logins, and an API key. The
/// Postman collection starts with these requests; its variables name the accounts.
public enum ReferenceSetup {
    /// An account the examples use: the variable prefix naming it in the collection.
    public struct Account: Sendable {
        public let kind: Accounts.SubjectKind
        public let variable: String
        public let name: String
        public let password: String
    }

    /// The examples' admin and user, and a second of each for the actions that revoke a
    /// caller's tokens or disable an account.
    public static let accounts: [Account] = [
        Account(kind: .admin, variable: "admin", name: "docs-admin", password: "docs-admin-password"),
        Account(kind: .user, variable: "user", name: "docs-user", password: "docs-user-password"),
        Account(kind: .admin, variable: "other_admin", name: "docs-other-admin", password: "docs-other-admin-password"),
        Account(kind: .user, variable: "other_user", name: "docs-other-user", password: "docs-other-user-password"),
    ]

    /// The collection's variables before any request: the base URL and the accounts.
    public static func variables(baseURL: String) -> [(name: String, value: String)] {
        [("base_url", baseURL)] + accounts.flatMap { [("\($0.variable)_name", $0.name), ("\($0.variable)_password", $0.password)] }
    }

    /// Creates the accounts in a fresh kernel (store 1).
    public static func createAccounts(_ accounts: Accounts) async throws {
        for account in self.accounts {
            switch account.kind {
            case .admin: _ = try await accounts.createAdmin(name: account.name, password: account.password)
            case .user: _ = try await accounts.createUser(name: account.name, email: nil, password: account.password, storeID: 1)
            }
        }
    }

    /// The logins (setting `<account>_token`, `<account>_id`) and a store-1 API key with every
    /// scope (setting `api_key`).
    static func requests(_ reference: APIReference) -> [ExampleRequest] {
        let system = reference.plugins.first { $0.name == SystemPlugin.name }?.actions ?? []
        func action(_ control: String, _ name: String) -> APIReference.Action? {
            system.first { $0.route.control == control && $0.route.action == name }
        }
        var requests: [ExampleRequest] = accounts.compactMap { account in
            action(account.kind.rawValue, "login").map {
                ExampleRequest(
                    $0, params: ["accounts": .string("{{\(account.variable)_name}}"), "pwd": .string("{{\(account.variable)_password}}")],
                    saves: [("\(account.variable)_token", "token"), ("\(account.variable)_id", "id")])
            }
        }
        if let create = action("apikeys", "create") {
            requests.append(ExampleRequest(create, params: ["store_id": 1, "scopes": "*", "name": "postman"], saves: [("api_key", "key")]))
        }
        return requests
    }
}
