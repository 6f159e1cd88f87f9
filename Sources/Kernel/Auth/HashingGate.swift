import Dispatch
import Foundation
import PluginSDK
import Synchronization

/// Bounds the CPU spent on password hashes: at most `concurrency` run at once on Dispatch
/// workers and at most `queueLimit` wait for a turn; any attempt beyond that is refused at once
/// (-429) instead of queueing behind the hashes, so a login flood cannot take every core.
public final class HashingGate: Sendable {
    /// Hashes running at the same time.
    public let concurrency: Int
    /// Attempts allowed to wait for a free slot.
    public let queueLimit: Int

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, any Error>] = []
    }

    private let state = Mutex(State())

    /// The answer to an attempt that finds every slot and the queue taken.
    public static let busy = KernelError(code: .tooManyRequests, message: KernelMessages.tooManyRequests, data: ["retry_after": 1])

    /// `concurrency` 0 means half the cores, at least one.
    public init(concurrency: Int = 0, queueLimit: Int = 8) {
        self.concurrency = concurrency > 0 ? concurrency : max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
        self.queueLimit = max(0, queueLimit)
    }

    /// Runs `work` on a Dispatch worker once a slot is free; throws `busy` when the queue is full.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await enter()
        defer { leave() }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Takes a slot, or a place in the queue, or refuses: decided in one step under the lock.
    private func enter() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enum Admission { case now, queued, refused }
            let admission: Admission = state.withLock { state in
                if state.running < concurrency {
                    state.running += 1
                    return .now
                }
                guard state.waiting.count < queueLimit else { return .refused }
                state.waiting.append(continuation)
                return .queued
            }
            switch admission {
            case .now: continuation.resume()
            case .refused: continuation.resume(throwing: Self.busy)
            case .queued: break
            }
        }
    }

    /// Hands the slot to the longest-waiting attempt, or frees it.
    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
