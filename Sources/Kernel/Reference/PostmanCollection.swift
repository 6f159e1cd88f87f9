import PluginSDK

/// `docs/postman/invoice-server.postman_collection.json`: a Postman collection (v2.1) with
/// variables for the base URL, the accounts, their tokens and the API key; a Setup folder that
/// logs in and makes an API key; then a folder a plugin with one request an action, each with
/// the answer it gave when the reference was generated. A request that sets variables does it
/// with a test script (`pm.collectionVariables.set`), which the repository's runner reads too.
enum PostmanCollection {
    static let schema = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    static let setupFolder = "Setup"

    static func build(
        _ reference: APIReference, setup: [ExampleRequest], examples: [ExampleRequest], answers: [RecordedAnswer], version: String
    ) -> JSON {
        let setupAnswers = Array(answers.prefix(setup.count))
        let exampleAnswers = Array(answers.dropFirst(setup.count))
        var folders: [JSON] = [
            [
                "name": .string(setupFolder),
                "description": .string(
                    "Logs the example accounts in and makes a store-1 API key with every scope. On your own server, create the "
                        + "accounts first (invoice-server admin create / user create) or change the variables to yours."),
                "item": .array(zip(setup, setupAnswers).map(item)),
            ]
        ]
        for plugin in reference.plugins {
            let pairs = zip(examples, exampleAnswers).filter { $0.0.action.plugin == plugin.name }
            folders.append(["name": .string(plugin.name), "description": .string(plugin.manifest.description), "item": .array(pairs.map(item))])
        }
        let variables = ReferenceSetup.variables(baseURL: "http://127.0.0.1:8080")
            + variableNames(setup + examples).map { ($0, "") }
        return [
            "info": [
                "name": "invoice-server",
                "description": .string(
                    "invoice-server \(version): one working example request per action (docs/api). Run the Setup folder first."),
                "schema": .string(schema),
            ],
            "variable": .array(variables.map { ["key": .string($0.name), "value": .string($0.value)] }),
            "item": .array(folders),
        ]
    }

    /// The variables requests set, in the order they are first set.
    private static func variableNames(_ requests: [ExampleRequest]) -> [String] {
        var names: [String] = []
        for request in requests { for save in request.saves where !names.contains(save.variable) { names.append(save.variable) } }
        return names
    }

    private static func item(_ request: ExampleRequest, _ answer: RecordedAnswer) -> JSON {
        let action = request.action
        var headers: [JSON] = [["key": "Content-Type", "value": "application/json"]]
        if let (name, value) = request.credentialHeader { headers.append(["key": .string(name), "value": .string(value)]) }
        let segments = action.path.split(separator: "/").map { JSON.string(String($0)) }
        let httpRequest: JSON = [
            "method": "POST",
            "header": .array(headers),
            "body": ["mode": "raw", "raw": .string(PrettyJSON.text(.object(request.params))), "options": ["raw": ["language": "json"]]],
            "url": ["raw": .string("{{base_url}}" + action.path), "host": ["{{base_url}}"], "path": .array(segments)],
            "description": .string(action.route.summary),
        ]
        var item: JSONObject = ["name": .string(action.name), "request": httpRequest, "response": [response(answer, httpRequest)]]
        if !request.saves.isEmpty {
            let lines = request.saves.map { JSON.string("pm.collectionVariables.set(\"\($0.variable)\", pm.response.json().data\(script($0.member)));") }
            item["event"] = [["listen": "test", "script": ["type": "text/javascript", "exec": .array(lines)]]]
        }
        return .object(item)
    }

    /// A dotted member path as JavaScript: `items.0.id` is `.items[0].id`.
    private static func script(_ path: String) -> String {
        path.split(separator: ".").map { Int($0) != nil ? "[\($0)]" : ".\($0)" }.joined()
    }

    private static func response(_ answer: RecordedAnswer, _ request: JSON) -> JSON {
        switch answer {
        case .envelope(let code, let envelope):
            return [
                "name": .string("code \(code)"), "originalRequest": request, "status": "OK", "code": 200, "_postman_previewlanguage": "json",
                "header": [["key": "Content-Type", "value": "application/json"]], "body": .string(PrettyJSON.text(envelope)),
            ]
        case .file(let contentType):
            return [
                "name": "file", "originalRequest": request, "status": "OK", "code": 200,
                "header": [["key": "Content-Type", "value": .string(contentType)]], "body": "",
            ]
        }
    }
}
