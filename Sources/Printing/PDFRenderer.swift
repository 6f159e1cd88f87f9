import Foundation
import Synchronization

/// Renders PDFs on a few threads of its own, each with its own typesetter (fonts loaded once and
/// reused), so drawing never runs on an event loop or the Swift concurrency pool.
/// Threads start on the first render and end when the renderer is released.
public final class PDFRenderer: Sendable {
    public let pageSize: PageSize
    private let threadCount: Int
    private let queue = RenderQueue()
    private let started = Atomic<Bool>(false)
    private let fonts: FontLibrary

    /// A renderer with `threads` render threads (default: one per core) printing with `fonts`.
    public init(
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, pageSize: PageSize = .a4, fonts: FontLibrary = .standard
    ) {
        self.threadCount = max(1, threads)
        self.pageSize = pageSize
        self.fonts = fonts
    }

    deinit { queue.close() }

    /// Renders one document: `draw` runs on a render thread with a fresh canvas and returns once
    /// the file is complete.
    public func render(
        metadata: PDFMetadata, direction: TextDirection, _ draw: @escaping @Sendable (PDFCanvas) throws -> Void
    ) async throws -> [UInt8] {
        startThreads()
        let pageSize = self.pageSize
        return try await withCheckedThrowingContinuation { continuation in
            let accepted = queue.push { typesetter in
                continuation.resume(
                    with: Result {
                        let canvas = PDFCanvas(typesetter: typesetter, pageSize: pageSize, direction: direction, metadata: metadata)
                        try draw(canvas)
                        return try canvas.finish()
                    })
            }
            if !accepted { continuation.resume(throwing: PrintingError(description: "renderer closed")) }
        }
    }

    private func startThreads() {
        guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        for index in 0..<threadCount {
            let queue = self.queue
            let fonts = self.fonts
            let thread = Thread {
                let typesetter = Typesetter(fonts: fonts)
                while let job = queue.pop() { job(typesetter) }
            }
            thread.name = "pdf-\(index)"
            thread.stackSize = 2 << 20
            thread.start()
        }
    }
}

/// The render threads' job queue: producers never block, each thread takes one job at a time.
private final class RenderQueue: @unchecked Sendable {
    typealias Job = (Typesetter) -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var closed = false

    func push(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Waits for a job; nil once closed and drained.
    func pop() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !closed { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
