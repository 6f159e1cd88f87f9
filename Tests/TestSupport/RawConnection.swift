import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP connection the test writes to in pieces (slow clients, requests in flight).
public final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    public init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RawHTTP.Failure(description: "connect failed") }
    }

    deinit { close(fd) }

    public func write(_ bytes: [UInt8]) throws {
        let written = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard written == bytes.count else { throw RawHTTP.Failure(description: "short write") }
    }

    /// Reads until the server closes the connection (on a thread of its own).
    public func readAll() async throws -> [UInt8] {
        let fd = self.fd
        return try await onOwnThread {
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
}
