import PluginSDK

/// Bounds on what one request may carry; over a bound the request is refused before any
/// plugin sees it.
public struct RequestLimits: Sendable {
    /// Largest body accepted; over it the answer is HTTP 413 with an envelope.
    public var maxBodyBytes: Int
    /// Most top-level parameters (query and body together).
    public var maxParameters: Int
    /// Longest string value anywhere in the parameters, in UTF-8 bytes; an uploaded file's
    /// `base64` (a multipart file part, `{filename, base64, ...}`) is bounded by `maxBodyBytes`
    /// instead, and the action that reads it sets its own limit.
    public var maxStringBytes: Int
    /// Most values in all (nested arrays and objects count each element).
    public var maxValues: Int

    public init(maxBodyBytes: Int = 1 << 20, maxParameters: Int = 256, maxStringBytes: Int = 64 << 10, maxValues: Int = 20_000) {
        self.maxBodyBytes = maxBodyBytes
        self.maxParameters = maxParameters
        self.maxStringBytes = maxStringBytes
        self.maxValues = maxValues
    }

    /// Throws a -5000 error naming the first parameter over a bound.
    public func check(_ params: Params) throws(KernelError) {
        guard params.count <= maxParameters else {
            throw KernelError(code: .badParameter, message: KernelMessages.tooManyParameters)
        }
        var budget = maxValues
        for (name, value) in params.values {
            try check(value, name: name, budget: &budget)
        }
    }

    private func check(_ value: JSON, name: String, budget: inout Int) throws(KernelError) {
        budget -= 1
        guard budget >= 0 else { throw KernelError(code: .badParameter, message: KernelMessages.tooManyParameters) }
        switch value {
        case .string(let text):
            guard text.utf8.count <= maxStringBytes else { throw .badParameter(name, .tooLong(maxBytes: maxStringBytes)) }
        case .array(let elements):
            for element in elements { try check(element, name: name, budget: &budget) }
        case .object(let object):
            let isFile = object["filename"] != nil
            for (key, member) in object {
                guard key.utf8.count <= maxStringBytes else { throw .badParameter(name, .tooLong(maxBytes: maxStringBytes)) }
                if isFile && key == "base64" { continue }
                try check(member, name: name, budget: &budget)
            }
        default:
            break
        }
    }
}
