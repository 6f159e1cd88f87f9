import PluginSDK
import Synchronization

/// Slows password guessing down: failed logins are counted per account name (per kind, known or
/// not, so the answers tell nothing about which accounts exist) and per client address. Past a
/// number of free failures each new failure locks that key for twice as long as the one before
/// (`backoffSeconds`, 2x, 4x ... up to `maxBackoffSeconds`); an attempt on a locked key is
/// answered at once, without hashing, with its own code (-430) and the seconds to wait. An
/// attempt counts as failed when it starts (so parallel guesses cannot all slip through before
/// the first one fails) and is given back when the password was right. Kept in memory: a restart
/// forgets it, and each server process counts its own attempts.
public final class LoginThrottle: Sendable {
    /// How many failures are free and how the lock grows.
    public struct Policy: Sendable {
        public var freeFailuresPerAccount: Int
        public var freeFailuresPerAddress: Int
        public var backoffSeconds: Int64
        public var maxBackoffSeconds: Int64

        public init(freeFailuresPerAccount: Int = 5, freeFailuresPerAddress: Int = 20, backoffSeconds: Int64 = 1, maxBackoffSeconds: Int64 = 900) {
            self.freeFailuresPerAccount = max(0, freeFailuresPerAccount)
            self.freeFailuresPerAddress = max(0, freeFailuresPerAddress)
            self.backoffSeconds = max(1, backoffSeconds)
            self.maxBackoffSeconds = max(self.backoffSeconds, maxBackoffSeconds)
        }
    }

    /// One login attempt in progress: the keys it was counted under.
    public struct Attempt: Sendable {
        let account: String
        let address: String?
    }

    private struct Record {
        var failures = 0
        var lastFailure: Int64 = 0
        var lockedUntil: Int64 = 0
    }

    public let policy: Policy
    private let records = Mutex<[String: Record]>([:])
    /// Keys kept at most; past it, keys that are neither locked nor recent are forgotten first.
    private let capacity: Int

    public init(policy: Policy = Policy(), capacity: Int = 100_000) {
        self.policy = policy
        self.capacity = capacity
    }

    /// Counts an attempt on `accounts` (a user's or admin's name or email) from `address`, or
    /// throws the throttled answer when either key is locked at `now`.
    public func begin(kind: String, accounts: String, address: String?, now: Int64) throws -> Attempt {
        let attempt = Attempt(account: "\(kind):\(accounts.lowercased())", address: address.map { "address:\($0)" })
        let keys = [(attempt.account, policy.freeFailuresPerAccount)] + (attempt.address.map { [($0, policy.freeFailuresPerAddress)] } ?? [])
        let wait: Int64 = records.withLock { records in
            if records.count >= capacity { forgetStale(&records, now: now) }
            let wait = keys.map { key, _ in (records[key]?.lockedUntil ?? 0) - now }.max() ?? 0
            guard wait <= 0 else { return wait }
            for (key, free) in keys {
                var record = records[key] ?? Record()
                if now - record.lastFailure > policy.maxBackoffSeconds * 2 { record = Record() }
                record.failures += 1
                record.lastFailure = now
                record.lockedUntil = lockEnd(failures: record.failures, free: free, now: now)
                records[key] = record
            }
            return 0
        }
        guard wait <= 0 else { throw Self.throttled(retryAfter: wait) }
        return attempt
    }

    /// The password was right: the account starts afresh and the address gets its attempt back.
    public func succeeded(_ attempt: Attempt) {
        records.withLock { records in
            records[attempt.account] = nil
            giveBack(attempt.address, &records)
        }
    }

    /// The attempt was never decided (the hashing gate was full): both keys get it back.
    public func withdraw(_ attempt: Attempt) {
        records.withLock { records in
            giveBack(attempt.account, &records)
            giveBack(attempt.address, &records)
        }
    }

    /// The answer to an attempt on a locked key.
    public static func throttled(retryAfter seconds: Int64) -> KernelError {
        KernelError(code: .loginThrottled, message: KernelMessages.loginThrottled(seconds: seconds), data: ["retry_after": .int(seconds)])
    }

    private func giveBack(_ key: String?, _ records: inout [String: Record]) {
        guard let key, var record = records[key] else { return }
        record.failures = max(0, record.failures - 1)
        let free = key.hasPrefix("address:") ? policy.freeFailuresPerAddress : policy.freeFailuresPerAccount
        if record.failures <= free { record.lockedUntil = 0 }
        records[key] = record.failures == 0 ? nil : record
    }

    /// When a key with `failures` failures, the last one at `now`, may try again.
    private func lockEnd(failures: Int, free: Int, now: Int64) -> Int64 {
        let over = failures - free
        guard over > 0 else { return 0 }
        var delay = policy.backoffSeconds
        for _ in 1..<over where delay < policy.maxBackoffSeconds { delay = min(policy.maxBackoffSeconds, delay * 2) }
        return now + delay
    }

    private func forgetStale(_ records: inout [String: Record], now: Int64) {
        records = records.filter { $0.value.lockedUntil > now || now - $0.value.lastFailure <= policy.backoffSeconds }
        if records.count >= capacity { records.removeAll() }
    }
}
