import Foundation
import PluginSDK

/// `system/apikeys/*` (admin): a store's API keys, listed by their prefix, created with scopes
/// (the key is answered once) and revoked.
enum APIKeys {
    static let storeID = Param.integer("store_id", range: 1...Int64.max, "The store")

    static func routes(_ kernel: KernelLink) -> [Route] {
        [
            Route(
                "apikeys", "list", access: .admin(), params: [storeID],
                summary: "API keys by prefix (revoked ones too), and the scopes actions use"
            ) { try await list($0, kernel.access) }.example(["store_id": 1]),
            Route(
                "apikeys", "create", access: .admin(),
                params: [
                    .integer("store_id", required: true, range: 1...Int64.max, "The store"),
                    .string("scopes", required: true, maxLength: 500, "Comma-separated scopes, e.g. invoices,schedules, or *"),
                    .string("name", maxLength: 100, "A label for people"),
                ],
                summary: "Create an API key; the key is answered once"
            ) { try await create($0, kernel.access) }.example(["store_id": 1, "scopes": "invoices", "name": "reporting"], saves: [("reporting_key_id", "id")]),
            Route(
                "apikeys", "revoke", access: .admin(), params: [.integer("id", required: true, range: 1...Int64.max), storeID],
                summary: "Revoke an API key"
            ) { try await revoke($0, kernel.access) }.example(["id": "{{reporting_key_id}}", "store_id": 1]),
        ]
    }

    static func list(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let keys = try await kernel.accounts.apiKeys(storeID: try context.params.int("store_id"))
        var answer = Reply.pageData(keys.map(\.json), page: 1, pageSize: Int64(keys.count), total: Int64(keys.count))
        answer["scopes"] = .array(kernel.knownScopes.map { .string($0) })
        return .ok(.object(answer))
    }

    static func create(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let accounts = kernel.accounts
        let storeID = try context.params.requiredInt("store_id")
        guard try await accounts.storeExists(storeID) else { throw KernelError.badParameter("store_id", .malformed) }
        let scopes = try context.params.requiredString("scopes").split(separator: ",")
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try kernel.checkScopes(scopes)
        let name = (context.params.string("name") ?? "").trimmingCharacters(in: .whitespaces)
        let (id, key) = try await accounts.createAPIKey(storeID: storeID, scopes: scopes, name: name)
        guard let record = try await accounts.apiKeys(storeID: storeID).first(where: { $0.id == id }) else { throw KernelError.notFound }
        guard case .object(var answer) = record.json else { return .ok(record.json) }
        answer["key"] = .string(key)
        return .ok(.object(answer))
    }

    static func revoke(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        guard
            let record = try await kernel.accounts.revokeAPIKey(
                id: try context.params.requiredInt("id"), storeID: try context.params.int("store_id"))
        else { throw KernelError.notFound }
        return .ok(record.json)
    }
}
