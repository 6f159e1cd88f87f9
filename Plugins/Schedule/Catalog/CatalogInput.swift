import Foundation
import PluginSDK

/// Reading customer and item fields; every problem names the field.
enum CatalogInput {
    static func code(_ params: Params, prefix: String) throws -> String {
        guard let code = params.string("code"), !code.isEmpty else { return CatalogRecords.newCode(prefix) }
        guard code.count <= 64, code.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw KernelError.badParameter("code", .malformed)
        }
        return code
    }

    static func email(_ params: Params) throws -> String? {
        guard let email = params.string("email"), !email.isEmpty else { return nil }
        let parts = email.split(separator: "@")
        guard parts.count == 2, parts[1].contains("."), !email.contains(" "), email.count <= 254 else {
            throw KernelError.badParameter("email", .malformed)
        }
        return email
    }

    static func phone(_ params: Params) throws -> String? {
        guard let phone = params.string("phone"), !phone.isEmpty else { return nil }
        let digits = phone.hasPrefix("+") ? phone.dropFirst() : Substring(phone)
        guard (5...20).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw KernelError.badParameter("phone", .malformed)
        }
        return phone
    }

    /// Tags as an array or "a,b"; each 1-40 characters.
    static func tags(_ params: Params, field: String = "tags") throws -> [String]? {
        guard let value = params[field], !value.isNull else { return nil }
        let items: [JSON]
        switch value {
        case .array(let array): items = array
        case .string(let text): items = text.split(separator: ",").map { .string(String($0)) }
        default: throw KernelError.badParameter(field, .malformed)
        }
        return try items.map { item in
            guard let tag = item.stringValue?.trimmingCharacters(in: .whitespaces), (1...40).contains(tag.count) else {
                throw KernelError.badParameter(field, .malformed)
            }
            return tag
        }
    }

    /// A decimal amount: digits with at most three decimals, below a trillion.
    static func amount(_ value: JSON?, field: String) throws -> String {
        guard let text = value?.stringValue, Amount.isDecimal(text) else { throw KernelError.badParameter(field, .malformed) }
        return text
    }
}
