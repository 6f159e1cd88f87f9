import Foundation
import Hummingbird
import InvoiceServerCLI
import Kernel
import PluginSDK
import Logging
import Server
import ServiceLifecycle

/// A real server for one test: a fresh data folder with its SQLite file, the kernel with the
/// given plugins, and the HTTP application on a free port of 127.0.0.1.
public struct TestServer: Sendable {
    public let port: Int
    public let kernel: Kernel
    public let dataDir: String

    /// Starts a server, runs `body` against it, then shuts it down gracefully and removes its data.
    /// `clock` replaces the kernel's "now" (a test that steps time instead of sleeping).
    public static func with<T: Sendable>(
        plugins: [any Plugin],
        dataDir: String? = nil,
        clock: KernelClock = KernelClock(),
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestServer) async throws -> T
    ) async throws -> T {
        let folder = dataDir ?? temporaryFolder()
        var configuration = testConfiguration(dataDir: folder)
        configure(&configuration)
        let logger = Logger(label: "test-server", factory: { _ in SwiftLogNoOpLogHandler() })
        let kernel = try await Kernel(
            configuration: configuration, plugins: plugins, modules: HostModules.standard, logger: logger, clock: clock)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = buildApplication(kernel: kernel, configuration: configuration, logger: logger) { _, port in
            portSink.yield(port)
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw RawHTTP.Failure(description: "server did not start") }
            let server = TestServer(port: port, kernel: kernel, dataDir: folder)
            let result: Result<T, any Error>
            do {
                result = .success(try await body(server))
            } catch {
                result = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            kernel.shutdown()
            if dataDir == nil { try? FileManager.default.removeItem(atPath: folder) }
            return try result.get()
        }
    }

    /// Settings for tests: port 0, a cheap password hash, everything else as shipped.
    public static func testConfiguration(dataDir: String) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.dataDir = dataDir
        configuration.passwordIterations = 1_000
        configuration.checkDeclaredParams = true
        configuration.configDir = FileManager.default.temporaryDirectory.path
        return configuration
    }

    public static func temporaryFolder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("invoice-server-test-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Calls `plugin/control/action` on the canonical path with a JSON body.
    public func call(
        _ plugin: String, _ control: String, _ action: String, _ body: JSON = .emptyObject,
        token: String? = nil, query: String = "", headers: [(String, String)] = [], path: String = "/api/plugins/index"
    ) async throws -> HTTPResult {
        var target = "\(path)?pluginsname=\(plugin)&pluginscontrol=\(control)&pluginsaction=\(action)"
        if let token { target += "&token=\(token)" }
        if !query.isEmpty { target += "&" + query }
        return try await RawHTTP.send(
            port: port, target: target, headers: [("Content-Type", "application/json")] + headers, body: body.serialized())
    }

    /// A user with a password, logged in; returns its id and token.
    public func user(_ name: String, password: String = "secret-\(UUID().uuidString.prefix(8))", store: Int64 = 1) async throws -> (id: Int64, token: String) {
        let accounts = kernel.access.accounts
        let id = try await accounts.createUser(name: name, email: "\(name)@example.com", password: password, storeID: store)
        return (id, try await accounts.issueToken(kind: .user, subjectID: id))
    }

    /// An admin (super unless permissions are given) and its token.
    public func admin(_ name: String, permissions: [String]? = nil) async throws -> String {
        let accounts = kernel.access.accounts
        let id = try await accounts.createAdmin(name: name, password: "admin-pass", permissions: permissions)
        return try await accounts.issueToken(kind: .admin, subjectID: id)
    }
}
