import Foundation

/// The built `invoice-server` executable, run as a real process.
public enum ServerBinary {
    /// `.build/<config>/invoice-server`, next to the test bundle.
    public static var url: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [besideTests, besideTests.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("invoice-server")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/invoice-server")
    }

    /// A config file in `folder` with a cheap password hash, so tests stay fast.
    public static func fastConfig(in folder: String) throws -> String {
        let path = URL(fileURLWithPath: folder).appendingPathComponent("server.json").path
        try Data(#"{"password_iterations": 1000, "check_declared_params": true}"#.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs a one-shot command (of `executable`, by default this package's `invoice-server`) to
    /// completion; returns its exit status and standard output.
    public static func run(executable: URL = url, _ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
        try await onOwnThread {
                    let process = Process()
                    process.executableURL = executable
                    process.arguments = arguments
                    let output = Pipe()
                    let errors = Pipe()
                    process.standardOutput = output
                    process.standardError = errors
                    try process.run()
                    let out = output.fileHandleForReading.readDataToEndOfFile()
                    let err = errors.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }
}

/// `invoice-server serve` running in the background, with its output collected.
public final class ServerProcess: @unchecked Sendable {
    public let process = Process()
    private let lock = NSLock()
    private var collected = ""
    public private(set) var port = 0

    /// Starts the server (`executable`, by default this package's `invoice-server`) on a free
    /// port and waits for its "listening on" line.
    public init(executable: URL = ServerBinary.url, arguments: [String]) async throws {
        process.executableURL = executable
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.collected += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let port = listeningPort() {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw RawHTTP.Failure(description: "server did not start: \(output)")
    }

    /// Everything the server printed so far.
    public var output: String { lock.withLock { collected } }

    private func listeningPort() -> Int? {
        guard let range = output.range(of: "listening on http://127.0.0.1:") else { return nil }
        let digits = output[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// Sends a signal and waits for the exit status.
    public func stop(signal: Int32 = SIGTERM) async -> Int32 {
        kill(process.processIdentifier, signal)
        return await waitForExit()
    }

    /// Waits for the process to end and returns its exit status.
    public func waitForExit() async -> Int32 {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }
}
