import Foundation
import FuzzCheck
@testable import PluginSDK

/// The JSON parser and serializer (`JSON.parse`, `JSON.serialized`), fed any bytes.
///
/// Properties: a refusal points inside the text; what is accepted is JSON to Foundation's parser
/// too, nests at most 64 deep and has no repeated key in any object; serializing it gives text
/// without control characters or `<`/`>` that parses back to the same value (numbers compared by
/// value: the serializer writes a whole double as an integer) and serializes to the same bytes;
/// the same text with one key repeated is refused.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = bytes(data, count)
    let value: JSON
    do {
        value = try JSON.parse(text)
    } catch let failure as JSONParser.Failure {
        require((0...text.count).contains(failure.offset), "a refusal points inside the text (offset \(failure.offset))")
        return 0
    } catch {
        require(false, "JSON.parse throws only JSONParser.Failure, not \(error)")
        return 0
    }
    require((try? JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])) != nil, "Foundation reads accepted text too")
    require(depth(value) <= 64, "nesting stays within 64 levels")
    readEveryAccessor(value)

    let serialized = value.serialized()
    require(String(validating: serialized, as: UTF8.self) != nil, "serialized text is UTF-8")
    require(!serialized.contains { $0 < 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }, "serialized text escapes control characters and < >")
    guard let reparsed = try? JSON.parse(serialized) else {
        require(false, "serialized text parses: \(String(decoding: serialized, as: UTF8.self))")
        return 0
    }
    require(sameValue(value, reparsed), "parse -> serialize -> parse keeps the value")
    require(reparsed.serialized() == serialized, "serializing is stable")

    var repeated: [UInt8] = []
    var didRepeat = false
    write(value, repeatingFirstKey: &didRepeat, into: &repeated)
    if didRepeat {
        do {
            _ = try JSON.parse(repeated)
            require(false, "a repeated key is refused: \(String(decoding: repeated, as: UTF8.self))")
        } catch let failure as JSONParser.Failure {
            require(failure.reason.hasPrefix("duplicate key"), "a repeated key is refused as such, not '\(failure.reason)'")
        } catch {
            require(false, "JSON.parse throws only JSONParser.Failure, not \(error)")
        }
    }
    return 0
}

/// Levels of arrays and objects, the outermost counting 1.
private func depth(_ value: JSON) -> Int {
    switch value {
    case .array(let elements): 1 + (elements.map(depth).max() ?? 0)
    case .object(let object):
        1 + (object.map { depth($0.value) }.max() ?? 0)
    default: 0
    }
}

/// Every lenient accessor on every value (none may trap), and no object holds a key twice.
private func readEveryAccessor(_ value: JSON) {
    _ = (value.stringValue, value.intValue, value.boolValue, value.isNull)
    switch value {
    case .array(let elements): elements.forEach(readEveryAccessor)
    case .object(let object):
        let keys = object.orderedKeys
        require(Set(keys).count == keys.count, "no object holds a key twice")
        for (key, member) in object {
            require(object[key] == member, "a member is found by its key")
            readEveryAccessor(member)
        }
    default: break
    }
}

/// Equal values, numbers compared by value, object members in the same order.
private func sameValue(_ lhs: JSON, _ rhs: JSON) -> Bool {
    switch (lhs, rhs) {
    case (.int(let int), .double(let double)), (.double(let double), .int(let int)):
        return Int64(exactly: double) == int
    case (.array(let left), .array(let right)):
        return left.count == right.count && zip(left, right).allSatisfy(sameValue)
    case (.object(let left), .object(let right)):
        return left.orderedKeys == right.orderedKeys && zip(left, right).allSatisfy { sameValue($0.value, $1.value) }
    default:
        return lhs == rhs
    }
}

/// `value` as JSON text, with the first member of the first non-empty object written twice.
private func write(_ value: JSON, repeatingFirstKey repeated: inout Bool, into out: inout [UInt8]) {
    switch value {
    case .array(let elements):
        out.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            write(element, repeatingFirstKey: &repeated, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    case .object(let object):
        out.append(UInt8(ascii: "{"))
        var members = Array(object)
        if !repeated, let first = members.first {
            members.append(first)
            repeated = true
        }
        for (index, member) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSON.writeString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(member.value, repeatingFirstKey: &repeated, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    default:
        value.write(into: &out)
    }
}
