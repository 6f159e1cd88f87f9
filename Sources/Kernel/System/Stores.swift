import PluginSDK

/// `system/stores/*` (admin): list, create and rename stores. A store's invoicing settings
/// (currency, tax, numbering) are the invoice plugin's `invoice/settings/*`.
enum Stores {
    static let name = Param.string("name", required: true, maxLength: 200, "The store's unique name")

    static func routes(_ kernel: KernelLink) -> [Route] {
        [
            Route("stores", "list", access: .admin(), summary: "Every store") { _ in .ok(.array(try await kernel.access.accounts.stores().map(\.json))) },
            Route("stores", "create", access: .admin(), params: [name], summary: "Create a store") {
                .ok(try await kernel.access.accounts.createStore(name: try $0.params.requiredString("name")).json)
            }.example(["name": "Second shop"], saves: [("store_id", "id")]),
            Route(
                "stores", "update", access: .admin(), params: [.integer("id", required: true, range: 1...Int64.max), name],
                summary: "Rename a store"
            ) { try await update($0, kernel.access) }.example(["id": "{{store_id}}", "name": "Second shop (renamed)"]),
        ]
    }

    static func update(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let id = try context.params.requiredInt("id")
        guard let store = try await kernel.accounts.renameStore(id: id, name: try context.params.requiredString("name")) else {
            throw KernelError.notFound
        }
        return .ok(store.json)
    }
}
