import Foundation
import PluginSDK

/// What an example answered when the reference was generated.
public enum RecordedAnswer: Sendable {
    /// An envelope, with values that differ on every run (tokens, keys, secrets) replaced by
    /// their variable or a placeholder.
    case envelope(code: Int, envelope: JSON)
    /// A file of this content type.
    case file(contentType: String)

    /// The envelope code; 0 for a file.
    public var code: Int {
        switch self {
        case .envelope(let code, _): code
        case .file: 0
        }
    }
}

/// Runs the setup and every example, in the collection's order, against a kernel, the way the
/// Postman runner sends them over HTTP: variables filled in, the credential in a header.
enum ExampleRun {
    /// Members whose values are secrets or random, shown as a placeholder.
    static let volatileMembers: Set<String> = ["token", "key", "prefix", "secret", "password", "link", "link_token"]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func record(_ kernel: Kernel, _ requests: [ExampleRequest], variables initial: [(name: String, value: String)]) async throws
        -> [RecordedAnswer]
    {
        var variables = Dictionary(initial.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        var answers: [RecordedAnswer] = []
        for (index, request) in requests.enumerated() {
            let body = try fill(request.body, variables, request: request)
            var headers: [String: String] = ["content-type": "application/json"]
            if let (name, value) = request.credentialHeader { headers[name.lowercased()] = try fill(value, variables, request: request) }
            var params = try JSON.parse(Array(body.utf8)).objectValue ?? [:]
            params["pluginsname"] = .string(request.action.plugin)
            params["pluginscontrol"] = .string(request.action.route.control)
            params["pluginsaction"] = .string(request.action.route.action)
            let call = KernelRequest(
                surface: request.action.surface, method: .post, params: Params(params), headers: headers, rawBody: Array(body.utf8),
                requestID: "docs-\(index + 1)", remoteAddress: "127.0.0.1")
            let response = await kernel.handle(call)
            switch response.body {
            case .file(let file):
                answers.append(.file(contentType: file.contentType))
            case .envelope(let envelope):
                for (variable, member) in request.saves {
                    guard let value = value(at: member, in: envelope.data)?.stringValue else {
                        throw Failure(description: "\(request.action.name): the answer has no data.\(member) for {{\(variable)}}: \(envelope.msg)")
                    }
                    variables[variable] = value
                }
                let secrets = variables.filter { $0.key.hasSuffix("_token") || volatileMembers.contains($0.key) || $0.key == "api_key" }
                let json: JSON = ["msg": .string(envelope.msg), "code": .int(Int64(envelope.code.rawValue)), "data": envelope.data]
                answers.append(.envelope(code: envelope.code.rawValue, envelope: normalised(json, secrets: secrets)))
            }
        }
        return answers
    }

    /// The member at a dotted path of `data` (`items.0.id`: a number indexes an array).
    static func value(at path: String, in data: JSON) -> JSON? {
        var current: JSON? = data
        for part in path.split(separator: ".") {
            if let index = Int(part), let values = current?.arrayValue {
                current = values.indices.contains(index) ? values[index] : nil
            } else {
                current = current?[String(part)]
            }
        }
        return current
    }

    /// `text` with every `{{name}}` replaced by the variable's value.
    static func fill(_ text: String, _ variables: [String: String], request: ExampleRequest) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = variables[name] else {
                throw Failure(description: "\(request.action.name): the example uses {{\(name)}}, which no earlier request sets")
            }
            result += value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The answers of two runs of the same examples, with every value that differs between them
    /// (a generated code, a time read from the system clock) shown as `(varies)`.
    static func merged(_ first: [RecordedAnswer], _ second: [RecordedAnswer]) -> [RecordedAnswer] {
        zip(first, second).map { one, other in
            guard case .envelope(let code, let envelope) = one, case .envelope(_, let again) = other else { return one }
            return .envelope(code: code, envelope: steady(envelope, again))
        }
    }

    private static func steady(_ one: JSON, _ other: JSON) -> JSON {
        switch (one, other) {
        case (.object(let left), .object(let right)):
            return .object(JSONObject(left.map { member in (member.key, right[member.key].map { steady(member.value, $0) } ?? member.value) }))
        case (.array(let left), .array(let right)) where left.count == right.count:
            return .array(zip(left, right).map(steady))
        default:
            return one == other ? one : "(varies)"
        }
    }

    /// `json` with secrets put back as their variables and random members as placeholders.
    static func normalised(_ json: JSON, secrets: [String: String], member: String? = nil) -> JSON {
        switch json {
        case .string(let text):
            if let secret = secrets.first(where: { $0.value == text }) { return .string("{{\(secret.key)}}") }
            if let member, volatileMembers.contains(member) || member.hasSuffix("_token") || member.hasSuffix("_secret") {
                return .string("(\(member))")
            }
            return json
        case .array(let values):
            return .array(values.map { normalised($0, secrets: secrets, member: member) })
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, normalised($0.value, secrets: secrets, member: $0.key)) }))
        default:
            return json
        }
    }
}
