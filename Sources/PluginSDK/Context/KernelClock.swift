import Foundation

/// The kernel's source of "now", replaceable in tests.
public struct KernelClock: Sendable {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// The current time.
    public func date() -> Date { now() }

    /// The current time in whole seconds since 1970 (UTC).
    public func unixSeconds() -> Int64 { Int64(now().timeIntervalSince1970) }
}
