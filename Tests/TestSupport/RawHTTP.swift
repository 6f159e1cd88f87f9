import Foundation
import Kernel
import PluginSDK

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.1 client over a real TCP socket, so tests can send exactly the bytes a
/// client (or an attacker) would. Blocking socket work runs on a thread of its own, never on
/// the cooperative pool or Dispatch pool the server in the same process needs.
public struct HTTPResult: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: [UInt8]
    /// Every `Set-Cookie` line (`headers` keeps only the last one of a name).
    public var setCookies: [String] = []

    /// The body parsed as an envelope.
    public var json: JSON { (try? JSON.parse(body)) ?? .null }
    public var code: Int64? { json["code"]?.intValue }
    public var msg: String? { json["msg"]?.stringValue }
    public var data: JSON? { json["data"] }
    public var text: String { String(decoding: body, as: UTF8.self) }
}

public enum RawHTTP {
    /// Sends a request and reads the whole answer (the connection is closed after it).
    public static func send(
        port: Int, method: String = "POST", target: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> HTTPResult {
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { request += "Content-Length: \(body.count)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8) + body
        return try await exchange(port: port, bytes: bytes)
    }

    /// Writes raw bytes and parses whatever HTTP answer comes back.
    public static func exchange(port: Int, bytes: [UInt8]) async throws -> HTTPResult {
        let raw = try await onOwnThread { try blockingExchange(port: port, bytes: bytes) }
        return try parse(raw)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    private static func blockingExchange(port: Int, bytes: [UInt8]) throws -> [UInt8] {
        let connection = try RawConnection(port: port)
        connection.writeUntilClosed(bytes)
        return connection.readUntilClosed()
    }

    public static func parse(_ raw: [UInt8]) throws -> HTTPResult {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = raw.firstRange(of: separator) else { throw Failure(description: "no HTTP answer: \(raw.count) bytes") }
        let head = String(decoding: raw[..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(description: "bad status line") }
        var headers: [String: String] = [:]
        var cookies: [String] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = value
            if name == "set-cookie" { cookies.append(value) }
        }
        var body = Array(raw[headEnd.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return HTTPResult(status: status, headers: headers, body: body, setCookies: cookies)
    }

    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = bytes[index...].firstRange(of: [13, 10]) else { break }
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            out.append(contentsOf: bytes[start..<min(bytes.count, start + size)])
            index = start + size + 2
        }
        return out
    }
}

/// Runs blocking work on a new thread and awaits its result.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.start()
    }
}
