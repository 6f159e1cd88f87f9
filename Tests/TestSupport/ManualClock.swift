import Foundation
import PluginSDK
import Synchronization

/// A clock tests move by hand (or set to a moment).
public final class ManualClock: Sendable {
    private let seconds: Mutex<Int64>

    public init(_ start: Int64 = 1_900_000_000) {
        seconds = Mutex(start)
    }

    public var now: Int64 { seconds.withLock { $0 } }

    public func advance(_ delta: Int64) {
        seconds.withLock { $0 += delta }
    }

    /// Sets the time to `moment` (Unix seconds).
    public func set(_ moment: Int64) {
        seconds.withLock { $0 = moment }
    }

    /// The kernel's clock reading this one.
    public var kernelClock: KernelClock {
        KernelClock { Date(timeIntervalSince1970: TimeInterval(self.now)) }
    }
}
