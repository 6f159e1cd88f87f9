import PluginSDK

/// The OpenAPI 3.1 description of every enabled plugin's actions, built from their route tables
/// (access levels and declared parameters), walked by `APIReference` like the rest of the reference. Each action is described at its path form
/// `/api/plugins/{plugin}/{control}/{action}` (the same call as the query form).
public enum OpenAPIDocument {
    public static func build(_ registry: PluginRegistry, serverURL: String = "/") -> JSON {
        var paths = JSONObject()
        for action in APIReference(registry).actions {
            var item = JSONObject()
            item["post"] = operation(action)
            if action.route.allowsGET { item["get"] = getOperation(action) }
            paths[action.path] = .object(item)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "invoice-server",
                "version": .string(registry.state(of: "system")?.version ?? ""),
                "description": .string(
                    "Every answer is an envelope {msg, code, data} with HTTP 200; see docs/errors.md. Paged lists other than "
                        + "ShopXO's answer data in one shape, the Page schema: {items, page, page_size, total, page_total}."),
            ],
            "servers": [["url": .string(serverURL)]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "A login token or an API key."],
                    "apiKey": ["type": "apiKey", "in": "header", "name": "X-Api-Key"],
                ],
                "schemas": ["Envelope": envelopeSchema, "Page": pageSchema],
            ],
        ]
    }

    private static func operation(_ action: APIReference.Action) -> JSON {
        let route = action.route
        var properties = JSONObject()
        for param in route.params { properties[param.name] = schema(param) }
        let required = route.params.filter(\.required).map { JSON.string($0.name) }
        var body: JSONObject = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { body["required"] = .array(required) }
        var operation = baseOperation(action)
        operation["requestBody"] = [
            "required": .bool(!required.isEmpty),
            "content": ["application/json": ["schema": .object(body)]],
        ]
        return .object(operation)
    }

    private static func getOperation(_ action: APIReference.Action) -> JSON {
        let route = action.route
        var operation = baseOperation(action)
        operation["operationId"] = .string("\(action.plugin).\(route.control).\(route.action).get")
        operation["parameters"] = .array(route.params.map { param in
            ["name": .string(param.name), "in": "query", "required": .bool(param.required), "schema": schema(param)]
        })
        return .object(operation)
    }

    private static func baseOperation(_ action: APIReference.Action) -> JSONObject {
        let route = action.route
        let plugin = action.plugin
        var operation: JSONObject = [
            "operationId": .string("\(plugin).\(route.control).\(route.action)"),
            "tags": [.string(plugin)],
            "summary": .string(route.summary.isEmpty ? "\(plugin)/\(route.control)/\(route.action)" : route.summary),
            "x-access": .string(route.access.name),
            "x-error-codes": .array(errorCodes(action).map { .int(Int64($0)) }),
            "responses": ["200": ["description": "An envelope", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Envelope"]]]]],
        ]
        if let fileType = route.fileType {
            operation["responses"] = [
                "200": [
                    "description": "The file, or an envelope for an error",
                    "content": [
                        fileType: ["schema": ["type": "string", "format": "binary"]],
                        "application/json": ["schema": ["$ref": "#/components/schemas/Envelope"]],
                    ],
                ]
            ]
        }
        switch route.access {
        case .public:
            operation["security"] = []
        case .user:
            operation["security"] = [["bearer": []]]
        case .admin:
            operation["security"] = [["bearer": []]]
            let permission = route.permission(plugin: plugin)
            if !permission.isEmpty { operation["x-permission"] = .string(permission) }
        case .apiKey(let scope):
            operation["security"] = [["apiKey": []], ["bearer": []]]
            operation["x-scope"] = .string(scope)
            operation["x-permission"] = .string(route.permission(plugin: plugin))
        }
        return operation
    }

    /// The codes other than 0 an action can answer (docs/api lists when), each once.
    private static func errorCodes(_ action: APIReference.Action) -> [Int] {
        var codes: [Int] = []
        for error in action.errors where !codes.contains(error.code.rawValue) { codes.append(error.code.rawValue) }
        return codes
    }

    private static func schema(_ param: Param) -> JSON {
        var schema: JSONObject
        switch param.kind {
        case .string: schema = ["type": "string"]
        case .integer: schema = ["type": ["integer", "string"]]
        case .decimal: schema = ["type": "string", "pattern": "^[0-9]{1,13}(\\.[0-9]{1,4})?$"]
        case .boolean: schema = ["type": ["boolean", "integer", "string"]]
        case .ids: schema = ["type": ["array", "string", "integer"]]
        case .array: schema = ["type": "array"]
        case .object: schema = ["type": "object"]
        }
        if let max = param.maxLength {
            schema[param.kind == .array ? "maxItems" : "maxLength"] = .int(Int64(max))
        }
        if let range = param.range {
            schema["minimum"] = .int(range.lowerBound)
            schema["maximum"] = .int(range.upperBound)
        }
        if let allowed = param.allowed { schema["enum"] = .array(allowed.map { .string($0) }) }
        if !param.summary.isEmpty { schema["description"] = .string(param.summary) }
        return .object(schema)
    }

    /// The `data` of every paged list outside ShopXO's actions (`Reply.page`).
    private static let pageSchema: JSON = [
        "type": "object",
        "required": ["items", "page", "page_size", "total", "page_total"],
        "properties": [
            "items": ["type": "array", "description": "The page's rows"],
            "page": ["type": "integer", "description": "The page asked for, from 1"],
            "page_size": ["type": "integer", "description": "Rows a page"],
            "total": ["type": "integer", "description": "Rows in all"],
            "page_total": ["type": "integer", "description": "Pages in all"],
        ],
    ]

    private static let envelopeSchema: JSON = [
        "type": "object",
        "required": ["msg", "code", "data"],
        "properties": ["msg": ["type": "string"], "code": ["type": "integer"], "data": [:]],
    ]
}
