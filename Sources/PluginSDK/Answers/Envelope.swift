/// The one answer shape: `{"msg": String, "code": Int, "data": ...}`.
public struct Envelope: Sendable, Equatable {
    public var msg: String
    public var code: ResultCode
    public var data: JSON

    public init(msg: String, code: ResultCode, data: JSON) {
        self.msg = msg
        self.code = code
        self.data = data
    }

    /// The envelope as JSON text, keys in the order ShopXO answers them.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(contentsOf: #"{"msg":"#.utf8)
        JSON.writeString(msg, into: &out)
        out.append(contentsOf: #","code":"#.utf8)
        out.append(contentsOf: String(code.rawValue).utf8)
        out.append(contentsOf: #","data":"#.utf8)
        data.write(into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
