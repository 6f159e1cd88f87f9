import Hummingbird
import Kernel
import NIOCore
import PluginSDK
import ServiceLifecycle
import Synchronization

/// Reads a request body against two clocks: the body timeout (a body still incomplete then,
/// whether it trickles or stopped altogether, answers 408 at once) and graceful shutdown (a body
/// still arriving `shutdownGrace` after shutdown began answers 503). The body is collected in a
/// task of its own, so the answer never waits for a client that stopped sending; closing the
/// connection after the answer ends that task.
struct BodyDeadline: Sendable {
    let maxBytes: Int
    let timeout: Duration
    let shutdownGrace: Duration

    func read(_ body: RequestBody, eventLoop: any EventLoop) async throws(KernelError) -> ByteBuffer {
        let race = Race()
        let maxBytes = self.maxBytes
        let collector = Task {
            do {
                race.finish(.body(try await Self.collect(body, maxBytes: maxBytes)))
            } catch let error as KernelError {
                race.finish(.refused(error))
            } catch {
                race.finish(.refused(KernelError(code: .badParameter, message: KernelMessages.malformedBody, problem: .malformedRequest)))
            }
        }
        let timer = eventLoop.scheduleTask(in: TimeAmount(timeout)) { race.finish(.timedOut) }
        let grace = shutdownGrace
        let outcome = await withGracefulShutdownHandler {
            await race.outcome()
        } onGracefulShutdown: {
            eventLoop.scheduleTask(in: TimeAmount(grace)) { race.finish(.shuttingDown) }
        }
        timer.cancel()
        switch outcome {
        case .body(let buffer): return buffer
        case .refused(let error): throw error
        case .timedOut:
            collector.cancel()
            throw KernelError(code: .badParameter, message: KernelMessages.bodyTimeout, problem: .bodyTimeout)
        case .shuttingDown:
            collector.cancel()
            throw KernelError(code: .badParameter, message: KernelMessages.shuttingDown, problem: .unavailable)
        }
    }

    private static func collect(_ body: RequestBody, maxBytes: Int) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        for try await var chunk in body {
            guard collected.readableBytes + chunk.readableBytes <= maxBytes else {
                throw KernelError(code: .badParameter, message: KernelMessages.bodyTooLarge, problem: .bodyTooLarge)
            }
            collected.writeBuffer(&chunk)
        }
        return collected
    }

    /// What ended the wait first.
    enum Outcome: Sendable {
        case body(ByteBuffer)
        case refused(KernelError)
        case timedOut
        case shuttingDown
    }

    /// The first outcome wins; later ones are dropped.
    final class Race: Sendable {
        private struct State {
            var outcome: Outcome?
            var waiter: CheckedContinuation<Outcome, Never>?
        }

        private let state = Mutex(State())

        func finish(_ outcome: Outcome) {
            let waiter = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
                guard state.outcome == nil else { return nil }
                state.outcome = outcome
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: outcome)
        }

        func outcome() async -> Outcome {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Outcome? in
                    if let outcome = state.outcome { return outcome }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
