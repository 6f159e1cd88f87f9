import PluginSDK

/// A batch request as the client sent it, checked before anything runs: `calls` (each naming
/// `pluginsname`, `pluginscontrol`, `pluginsaction`, with optional `params`) and `atomic`.
struct BatchRequest: Sendable {
    /// One call of the batch.
    struct Call: Sendable {
        let plugin: String
        let control: String
        let action: String
        /// The call's own parameters, with the batch's common ones it did not set itself.
        let params: Params

        var route: String { "\(plugin)/\(control)/\(action)" }
    }

    let calls: [Call]
    let atomic: Bool

    /// Parameters given once at the top of a batch that every call gets, unless it sets its own.
    static let commonParams = ["token", "lang", "application", "application_client_type"]
    /// Keys a call object may have.
    private static let callKeys: Set<String> = ["pluginsname", "pluginscontrol", "pluginsaction", "params"]

    /// Reads and checks the batch; a malformed one, or one over `maxCalls`, throws a -5000 error
    /// and nothing of it runs.
    init(_ params: Params, maxCalls: Int) throws(KernelError) {
        atomic = try params.bool("atomic") ?? false
        guard let list = params["calls"]?.arrayValue, !list.isEmpty else {
            throw KernelError(code: .badParameter, message: BatchMessages.callCount(max: maxCalls))
        }
        guard list.count <= maxCalls else {
            throw KernelError(code: .badParameter, message: BatchMessages.tooManyCalls(list.count, max: maxCalls))
        }
        var common = JSONObject()
        for key in Self.commonParams { if let value = params[key], !value.isNull { common[key] = value } }
        calls = try list.enumerated().map { (index, value) throws(KernelError) in try Self.call(value, index: index, common: common) }
    }

    private static func call(_ value: JSON, index: Int, common: JSONObject) throws(KernelError) -> Call {
        guard let object = value.objectValue else { throw KernelError(code: .badParameter, message: BatchMessages.callNotObject(index)) }
        if object["calls"] != nil { throw KernelError(code: .badParameter, message: BatchMessages.nestedBatch(index)) }
        for (key, _) in object where !callKeys.contains(key) {
            throw KernelError(code: .badParameter, message: BatchMessages.unknownCallKey(index, key))
        }
        var params = common
        switch object["params"] {
        case nil, .null?: break
        case .object(let own)?: for (key, value) in own { params[key] = value }
        default: throw KernelError.badParameter("calls[\(index)].params", .malformed)
        }
        var names: [String] = []
        for key in ["pluginsname", "pluginscontrol", "pluginsaction"] {
            guard let name = object[key]?.stringValue, !name.isEmpty else { throw KernelError.badParameter("calls[\(index)].\(key)", .missing) }
            guard PluginName.isValid(name) else { throw KernelError.badParameter("calls[\(index)].\(key)", .malformed) }
            params[key] = .string(name)
            names.append(name)
        }
        return Call(plugin: names[0], control: names[1], action: names[2], params: Params(params))
    }
}
