import FuzzCheck
@testable import PluginSDK
@testable import SchedulePlugin

/// PayPing's form shape (`FormShape.normalized`): keys such as `products[0][code]` rebuilt into
/// nested JSON, fed any keys and values, nested JSON the harness flattens into keys, or values
/// that are JSON text.
///
/// Properties: the rebuilt body never holds a key it was not given - every path in it follows
/// the parts of some key, array positions only where a part is that position in decimal - nor a
/// value it was not given; a key no other key shares a first part with keeps its value; nesting
/// stays within 64 levels and the body within 20,000 values, and a key over those bounds is
/// refused with -5000; flattened JSON comes back as it was; a JSON text value becomes its JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormShape(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    switch input.int(in: 0...2) {
    case 0:
        let pairs = (0..<input.int(in: 1...24)).map { _ in
            var value = input.string(upTo: 16)
            while value.first == "[" || value.first == "{" { value.removeFirst() }
            return (input.string(upTo: 200), JSON.string(value))
        }
        checkAnyKeys(pairs)
    case 1:
        let tree = generatedObject(&input, depth: 0)
        var pairs: [(String, JSON)] = []
        flatten(.object(tree), path: [], into: &pairs)
        let rebuilt = try? normalized(pairs).get()
        require(rebuilt == tree, "flattened JSON comes back as it was: \(pairs)")
    default:
        var key = input.string(upTo: 12)
        key.unicodeScalars.removeAll { $0 == "[" }
        let text = (input.bool() ? "[" : "{") + String(decoding: input.rest(), as: UTF8.self)
        guard !key.isEmpty, case .success(let body) = normalized([(key, .string(text))]) else { return 0 }
        require(body[key] == ((try? JSON.parse(Array(text.utf8))) ?? .string(text)), "a JSON text value becomes its JSON")
    }
    return 0
}

private let maxDepth = 64
private let maxValues = 20_000

private func normalized(_ pairs: [(String, JSON)]) -> Result<JSONObject, KernelError> {
    do throws(KernelError) {
        return .success(try FormShape.normalized(Params(JSONObject(pairs))))
    } catch {
        require(error.code == .badParameter, "a refusal answers -5000")
        return .failure(error)
    }
}

private func checkAnyKeys(_ pairs: [(String, JSON)]) {
    let given = Params(JSONObject(pairs)).values.map { (path: parts($0.key), value: $0.value) }
    switch normalized(pairs) {
    case .failure(let error):
        if error.message.en == "too many parameters" {
            let mostValues = given.reduce(0) { total, pair in total + 2 * pair.path.count + pair.path.compactMap(arrayPosition).reduce(0, +) }
            require(mostValues >= maxValues, "'too many parameters' only when the keys could spell \(maxValues) values")
        } else {
            require(given.contains { $0.path.count > maxDepth }, "a refusal names a key deeper than \(maxDepth): \(error.message.en)")
        }
    case .success(let body):
        require(given.allSatisfy { $0.path.count <= maxDepth }, "a key deeper than \(maxDepth) is refused")
        var values = 0
        visit(.object(body), path: [], given: given, values: &values)
        require(values <= maxValues, "the body holds at most \(maxValues) values")
        for pair in given where !given.contains(where: { $0.path.first == pair.path.first && $0.path != pair.path }) {
            if given.filter({ $0.path == pair.path }).count == 1 {
                require(value(at: pair.path, in: .object(body)) == pair.value, "a key no other key shares a first part with keeps its value")
            }
        }
    }
}

/// Walks the body: every step is a step some given key takes, every leaf a value given there.
private func visit(_ node: JSON, path: [Step], given: [(path: [String], value: JSON)], values: inout Int) {
    values += 1
    let followed = given.filter { $0.path.count >= path.count && zip($0.path, path).allSatisfy { $1.matches($0) } }
    require(!followed.isEmpty, "every path follows the parts of a given key: \(path) (given: \(given.map(\.path)))")
    switch node {
    case .object(let object):
        for (key, member) in object { visit(member, path: path + [.key(key)], given: given, values: &values) }
    case .array(let elements):
        for (index, element) in elements.enumerated() {
            if element == .null { values += 1 } else { visit(element, path: path + [.position(index)], given: given, values: &values) }
        }
    default:
        require(followed.contains { $0.path.count == path.count && $0.value == node }, "every value is one given at its path: \(path)")
    }
}

/// One step into the body.
private enum Step: CustomStringConvertible {
    case key(String)
    case position(Int)

    func matches(_ part: String) -> Bool {
        switch self {
        case .key(let key): key == part
        case .position(let index): arrayPosition(part) == index
        }
    }

    var description: String {
        switch self {
        case .key(let key): key
        case .position(let index): "#\(index)"
        }
    }
}

/// An array position: the decimal of 0 to 999, nothing else.
private func arrayPosition(_ part: String) -> Int? {
    guard let index = Int(part), (0..<1_000).contains(index), String(index) == part else { return nil }
    return index
}

/// `a[b][0]` read byte by byte: `["a", "b", "0"]`; a key without a `[` or not ending in `]` is one part.
private func parts(_ key: String) -> [String] {
    let bytes = Array(key.utf8)
    guard let open = bytes.firstIndex(of: UInt8(ascii: "[")), bytes.last == UInt8(ascii: "]") else { return [key] }
    var result = [String(decoding: bytes[..<open], as: UTF8.self)]
    var current: [UInt8] = []
    var index = open + 1
    while index < bytes.count - 1 {
        if bytes[index] == UInt8(ascii: "]"), bytes[index + 1] == UInt8(ascii: "["), index + 1 < bytes.count - 1 {
            result.append(String(decoding: current, as: UTF8.self))
            current = []
            index += 2
        } else {
            current.append(bytes[index])
            index += 1
        }
    }
    result.append(String(decoding: current, as: UTF8.self))
    return result
}

private func value(at path: [String], in node: JSON) -> JSON? {
    guard let part = path.first else { return node }
    if node.arrayValue != nil, let index = arrayPosition(part) {
        return node.arrayValue.flatMap { index < $0.count ? value(at: Array(path.dropFirst()), in: $0[index]) : nil }
    }
    return node[part].flatMap { value(at: Array(path.dropFirst()), in: $0) }
}

/// A small nested object of strings: names that are not positions, dense arrays.
private func generatedObject(_ input: inout FuzzInput, depth: Int) -> JSONObject {
    var object = JSONObject()
    for _ in 0..<input.int(in: 1...3) {
        let name = String((0..<input.int(in: 1...4)).map { _ in Array("abcxyz_-.éA")[input.int(in: 0...10)] })
        object[name] = generatedValue(&input, depth: depth + 1)
    }
    return object
}

private func generatedValue(_ input: inout FuzzInput, depth: Int) -> JSON {
    switch depth < 5 ? input.int(in: 0...2) : 0 {
    case 0:
        var text = input.string(upTo: 12)
        while text.first == "[" || text.first == "{" { text.removeFirst() }
        return .string(text)
    case 1: return .object(generatedObject(&input, depth: depth))
    default: return .array((0..<input.int(in: 1...3)).map { _ in generatedValue(&input, depth: depth + 1) })
    }
}

/// The form keys spelling `node`: `a[b][0]=v`.
private func flatten(_ node: JSON, path: [String], into pairs: inout [(String, JSON)]) {
    switch node {
    case .object(let object):
        for (key, member) in object { flatten(member, path: path + [key], into: &pairs) }
    case .array(let elements):
        for (index, element) in elements.enumerated() { flatten(element, path: path + [String(index)], into: &pairs) }
    default:
        pairs.append((path[0] + path.dropFirst().map { "[\($0)]" }.joined(), node))
    }
}
