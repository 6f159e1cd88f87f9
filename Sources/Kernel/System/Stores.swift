/// `system/stores/*` (admin): list, create and rename stores. A store's invoicing settings
/// (currency, tax, numbering) are the invoice plugin's `invoice/settings/*`.
enum Stores {
    static let name = Param.string("name", required: true, maxLength: 200, "The store's unique name")

    static var routes: [Route] {
        [
            Route("stores", "list", access: .admin(), summary: "Every store", handler: list),
            Route("stores", "create", access: .admin(), params: [name], summary: "Create a store", handler: create),
            Route(
                "stores", "update", access: .admin(), params: [.integer("id", required: true, range: 1...Int64.max), name],
                summary: "Rename a store", handler: update),
        ]
    }

    static func list(_ context: ActionContext) async throws -> Reply {
        .ok(.array(try await context.services.accounts.stores().map(\.json)))
    }

    static func create(_ context: ActionContext) async throws -> Reply {
        .ok(try await context.services.accounts.createStore(name: try context.params.requiredString("name")).json)
    }

    static func update(_ context: ActionContext) async throws -> Reply {
        let id = try context.params.requiredInt("id")
        guard let store = try await context.services.accounts.renameStore(id: id, name: try context.params.requiredString("name")) else {
            throw KernelError.notFound
        }
        return .ok(store.json)
    }
}
