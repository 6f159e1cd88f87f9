import PluginSDK
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking SMTP conversation over one TCP connection (RFC 5321): EHLO, optional AUTH PLAIN,
/// MAIL FROM, RCPT TO, DATA, QUIT. Runs on a thread of its own, never on the concurrency pool;
/// every read and write has a timeout. No TLS: use a local relay or a port without STARTTLS.
struct SMTPConnection {
    struct Failure: Error {
        let code: Int?
        let detail: String
    }

    private let socket: Int32
    private var reader = SMTPReplyReader()

    /// Connects to `host:port` (a name or an address) with `timeoutSeconds` for every step.
    init(host: String, port: Int, timeoutSeconds: Int) throws(Failure) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0, let first = results else {
            throw Failure(code: nil, detail: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(results) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        while let info = candidate, connected < 0 {
            let descriptor = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if descriptor >= 0 {
                var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    connected = descriptor
                } else {
                    Glibc.close(descriptor)
                }
            }
            candidate = info.pointee.ai_next
        }
        guard connected >= 0 else { throw Failure(code: nil, detail: "cannot connect to \(host):\(port)") }
        socket = connected
    }

    /// Closes the connection.
    func close() {
        _ = Glibc.close(socket)
    }

    /// Reads one (possibly multi-line) reply and checks its code is in `expected`.
    @discardableResult
    mutating func expect(_ expected: ClosedRange<Int>) throws(Failure) -> (code: Int, text: String) {
        let reply = try readReply()
        guard expected.contains(reply.code) else { throw Failure(code: reply.code, detail: reply.lines.joined(separator: " ")) }
        return (reply.code, reply.lines.joined(separator: "\n"))
    }

    /// Sends one command line (CRLF added) and checks the reply.
    @discardableResult
    mutating func command(_ line: String, expect expected: ClosedRange<Int>) throws(Failure) -> (code: Int, text: String) {
        try write(Array((line + "\r\n").utf8))
        return try expect(expected)
    }

    /// Sends raw bytes.
    func write(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(code: nil, detail: "write failed (errno \(errno))") }
            offset += sent
        }
    }

    private mutating func readReply() throws(Failure) -> SMTPReplyReader.Reply {
        while true {
            do {
                if let reply = try reader.next() { return reply }
            } catch {
                throw Failure(code: nil, detail: error.detail)
            }
            var chunk = [UInt8](repeating: 0, count: 4_096)
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(code: nil, detail: count == 0 ? "connection closed" : "read failed (errno \(errno))") }
            reader.append(chunk[..<count])
        }
    }
}
