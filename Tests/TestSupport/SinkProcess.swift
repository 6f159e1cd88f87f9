import Foundation
import Kernel
import PluginSDK

#if canImport(Glibc)
    import Glibc
#endif

/// A recording sink for tests, run as a real process: `http_sink.py` (SMS gateways, webhooks)
/// or `smtp_sink.py` (aiosmtpd). Each received request or message is one JSON line in a file
/// the test reads back.
public final class SinkProcess: @unchecked Sendable {
    public let port: Int
    private let process: Process
    private let recordPath: String

    /// Starts `Tests/Sinks/<script>` with `arguments` and waits for its "PORT n" line.
    public init(script: String, arguments: [String] = []) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString).jsonl").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Sinks/\(script)").path, "--record", record] + arguments
        let output = Pipe()
        process.standardOutput = output
        let starting = UncheckedProcess(process: process)
        let line: String = try await onOwnThread {
            try starting.process.run()
            var collected: [UInt8] = []
            while !collected.contains(UInt8(ascii: "\n")) {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                collected += data
            }
            return String(decoding: collected, as: UTF8.self)
        }
        guard line.hasPrefix("PORT "), let port = Int(line.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw RawHTTP.Failure(description: "sink \(script) did not start: \(line)")
        }
        self.port = port
        self.process = process
        self.recordPath = record
    }

    /// Every request or message recorded so far.
    public func records() -> [JSON] {
        guard let data = FileManager.default.contents(atPath: recordPath) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? JSON.parse(Array($0)) }
    }

    /// Waits until at least `count` records arrived or `seconds` passed; answers the records.
    public func waitForRecords(_ count: Int, seconds: Double = 20) async throws -> [JSON] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let current = records()
            if current.count >= count { return current }
            try await Task.sleep(for: .milliseconds(100))
        }
        return records()
    }

    /// Stops the sink (SIGKILL: a test runner may pass SIGTERM down as ignored) and removes its record.
    public func stop() {
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { usleep(10_000) }
        try? FileManager.default.removeItem(atPath: recordPath)
    }

    /// Starts a sink, runs `body`, then stops it.
    public static func with<T: Sendable>(
        script: String, arguments: [String] = [], _ body: @Sendable (SinkProcess) async throws -> T
    ) async throws -> T {
        let sink = try await SinkProcess(script: script, arguments: arguments)
        defer { sink.stop() }
        return try await body(sink)
    }
}

/// Hands a `Process` to the thread that starts it.
private struct UncheckedProcess: @unchecked Sendable {
    let process: Process
}
