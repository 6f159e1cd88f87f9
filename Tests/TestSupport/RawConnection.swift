import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP connection to the server on 127.0.0.1 that a test writes to byte by byte if it wants
/// (slow clients, requests in flight). Reads give up after 30 s of silence.
public final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    public init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTP.Failure(description: "socket failed") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw RawHTTP.Failure(description: "connect to \(port) failed")
        }
    }

    deinit { close(fd) }

    /// Writes every byte; throws on a short write.
    public func write(_ bytes: [UInt8]) throws {
        guard writeUntilClosed(bytes) == bytes.count else { throw RawHTTP.Failure(description: "short write") }
    }

    /// Writes until done or until the server stops reading (it may answer 413 and close first);
    /// returns how many bytes went out.
    @discardableResult
    public func writeUntilClosed(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { break }
            offset += written
        }
        return offset
    }

    /// Reads until the server closes the connection (on a thread of its own).
    public func readAll() async throws -> [UInt8] {
        try await onOwnThread { self.readUntilClosed() }
    }

    /// Reads one whole response (head and `Content-Length` body), without waiting for the
    /// connection to close.
    public func readResponse() async throws -> HTTPResult {
        try await onOwnThread {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                if let head = received.firstRange(of: [13, 10, 13, 10] as [UInt8]) {
                    let parsed = try RawHTTP.parse(received)
                    let length = Int(parsed.headers["content-length"] ?? "0") ?? 0
                    if received.count - head.upperBound >= length { return parsed }
                }
                let count = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return try RawHTTP.parse(received) }
                received.append(contentsOf: buffer[0..<count])
            }
        }
    }

    /// Blocks reading until the server closes the connection or stays silent for 30 s.
    func readUntilClosed() -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return received
    }
}
