import ArgumentParser
import Foundation
import Kernel
import PluginSDK
import Storage
import Logging

/// Options every command shares: where the data and the config live.
struct CommonOptions: ParsableArguments {
    @Option(help: "Folder holding the SQLite database (default from config, else 'data').")
    var dataDir: String?

    @Option(help: "Server config file (default config/server.json, used when present; a file named here must exist). Plugin defaults are read from its folder's plugins/.")
    var config: String?

    /// The configuration file's values with the command-line overrides applied.
    func serverConfiguration() throws -> ServerConfiguration {
        var configuration = try ServerConfiguration.load(path: config ?? "config/server.json", required: config != nil)
        if let dataDir { configuration.dataDir = dataDir }
        return configuration
    }

    /// Opens the kernel (migrating as needed) for a one-shot command, runs `body`, closes it.
    func withKernel<T>(_ body: (Kernel) async throws -> T) async throws -> T {
        let kernel = try await Kernel(
            configuration: try serverConfiguration(), plugins: ServedPlugins.all, modules: HostModules.standard,
            logger: CommandLogging.quietLogger)
        do {
            let result = try await body(kernel)
            kernel.shutdown()
            return result
        } catch {
            kernel.shutdown()
            throw error
        }
    }
}

extension CommonOptions {
    /// Runs a one-shot command with a kernel; a refusal (a `KernelError`) becomes a plain message
    /// and a failing exit status.
    func run(_ body: (Kernel) async throws -> Void) async throws {
        do {
            try await withKernel(body)
        } catch {
            throw failure(error)
        }
    }
}

/// Prints one line of compact JSON to standard output (what scripts read).
func printJSON(_ value: JSON) {
    print(value.text)
}

/// Turns a refusal into one plain line on standard error and exit status 1: a kernel error by
/// its message, a configuration file by the file and the key, a database this build must not
/// touch (written by a newer version, or with migrations registered twice) by what is wrong
/// with it. Anything else is a failure of the program and goes up as it is.
func failure(_ error: any Error) -> any Error {
    let line: String
    switch error {
    case let error as KernelError: line = error.message(.en)
    case let error as ConfigurationError: line = error.description
    case let error as StorageError where error.kind == .schema: line = error.message
    default: return error
    }
    FileHandle.standardError.write(Data(("invoice-server: " + line + "\n").utf8))
    return ExitCode.failure
}

/// A refusal of a one-shot command, in words (one line, exit status 1).
func refusal(_ text: String) -> KernelError {
    KernelError.invalid(LocalizedText(verbatim: text))
}

enum CommandLogging {
    /// Logs to standard output at LOG_LEVEL (default info), in batches (see `LogSink`).
    static func bootstrap() {
        LoggingSystem.bootstrap { label in
            var handler = BufferedLogHandler(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
    }

    /// Writes every log line still waiting (before the process exits).
    static func flush() {
        LogSink.standardOutput.flush()
    }

    /// A logger for one-shot commands: warnings and errors only, to standard error.
    static var quietLogger: Logger {
        var logger = Logger(label: "invoice-server", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        return logger
    }
}
