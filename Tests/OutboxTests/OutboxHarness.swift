import Foundation
import Kernel
import Outbox
import PluginSDK
import Logging
import Storage
import TestSupport

/// A kernel over a fresh data folder (the outbox tables migrated), for outbox tests.
struct OutboxHarness: Sendable {
    let kernel: Kernel
    let clock: ManualClock
    let dataDir: String

    var storage: any DatabaseWriter { kernel.access.storage }
    var outbox: OutboxStore { OutboxStore(clock: clock.kernelClock) }
    static let logger = Logger(label: "outbox-test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func with<T: Sendable>(dataDir: String? = nil, _ body: @Sendable (OutboxHarness) async throws -> T) async throws -> T {
        let folder = dataDir ?? TestServer.temporaryFolder()
        let clock = ManualClock()
        let kernel = try await Kernel(
            configuration: TestServer.testConfiguration(dataDir: folder), plugins: [], modules: [OutboxModule()], logger: logger,
            clock: clock.kernelClock)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(OutboxHarness(kernel: kernel, clock: clock, dataDir: folder)))
        } catch {
            result = .failure(error)
        }
        kernel.shutdown()
        if dataDir == nil { try? FileManager.default.removeItem(atPath: folder) }
        return try result.get()
    }

    func worker(
        _ channels: [OutboxMessage.Channel: any OutboxChannel], policy: OutboxPolicy = OutboxPolicy(), owner: String = UUID().uuidString
    ) -> OutboxWorker {
        OutboxWorker(storage: storage, channels: channels, policy: policy, clock: clock.kernelClock, owner: owner, logger: Self.logger)
    }

    func enqueue(_ message: OutboxMessage) async throws -> String? {
        let outbox = self.outbox
        return try await storage.write { db in try outbox.enqueue(message, in: db) }
    }

    func row(_ eventID: String) async throws -> Row? {
        try await storage.read { db in try db.queryOne("SELECT * FROM outbox WHERE event_id = ?", eventID) }
    }
}
