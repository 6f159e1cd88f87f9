import Foundation
import Synchronization

/// Where log lines go: standard output, written in batches by a background thread (every 100 ms
/// or once 64 KiB wait), so a busy server does not pay a write and a flush per access-log line.
/// Warnings and errors are written at once; `flush()` writes everything that waits.
final class LogSink: Sendable {
    /// The process's standard output.
    static let standardOutput = LogSink(fileDescriptor: 1)

    private let pending = Mutex<[UInt8]>([])
    private let fileDescriptor: Int32

    private init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.1)
                flush()
            }
        }
        thread.name = "log-sink"
        thread.start()
    }

    /// Queues one line; `now` writes it (and everything before it) immediately.
    func append(_ line: String, now: Bool) {
        let full = pending.withLock { buffer -> Bool in
            buffer.append(contentsOf: line.utf8)
            return buffer.count >= 64 << 10
        }
        if now || full { flush() }
    }

    /// Writes every queued line.
    func flush() {
        let bytes = pending.withLock { buffer -> [UInt8] in
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fileDescriptor, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}
