import Foundation
import Kernel
import PluginSDK
import Synchronization
import TestSupport
import Testing

/// A clock the test moves by hand, so locks expire exactly when the test says (no sleeping, and
/// no test made flaky by a busy machine).
final class SteppedClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var kernelClock: KernelClock { KernelClock { [self] in now.withLock { $0 } } }

    func advance(seconds: TimeInterval) {
        now.withLock { $0 += seconds }
    }
}

/// Issue 14: failed logins are throttled per account and per address with a growing lock, the
/// answer has its own code and message, and password hashing runs behind a bounded gate.
@Suite struct LoginThrottleTests {
    static func login(_ server: TestServer, _ accounts: String, _ password: String, kind: String = "user", lang: String = "en") async throws -> HTTPResult {
        try await server.call("system", kind, "login", ["accounts": .string(accounts), "pwd": .string(password)], query: "lang=\(lang)")
    }

    @Test func repeatedWrongPasswordsLockTheAccountUntilTheBackoffPassesThenTheRightOneLogsIn() async throws {
        let clock = SteppedClock()
        try await TestServer.with(plugins: [DemoPlugin()], clock: clock.kernelClock, configure: {
            $0.loginFreeFailuresPerAccount = 2
            $0.loginBackoffSeconds = 1
            $0.loginMaxBackoffSeconds = 4
        }) { server in
            _ = try await server.user("ann", password: "ann-password")
            for _ in 0..<3 { #expect(try await Self.login(server, "ann", "wrong").code == -1) }
            let locked = try await Self.login(server, "ann", "ann-password")
            #expect(locked.code == -430, "even the right password waits while the account is locked")
            #expect(locked.msg == "too many failed logins, try again in 1 seconds")
            #expect(locked.data?["retry_after"] == 1)
            #expect(try await Self.login(server, "ann", "wrong", lang: "zh").msg == "登录失败次数过多，请 1 秒后重试")
            #expect(try await Self.login(server, "ann", "wrong", lang: "fa").msg == "تلاش‌های ناموفق ورود بیش از حد است، 1 ثانیهٔ دیگر دوباره تلاش کنید")
            clock.advance(seconds: 1)
            #expect(try await Self.login(server, "ann", "wrong").code == -1)
            let longer = try await Self.login(server, "ann", "ann-password")
            #expect(longer.code == -430)
            #expect(longer.data?["retry_after"] == 2, "each further failure doubles the lock")
            clock.advance(seconds: 1)
            #expect(try await Self.login(server, "ann", "ann-password").data?["retry_after"] == 1, "the lock counts down")
            clock.advance(seconds: 1)
            let success = try await Self.login(server, "ann", "ann-password")
            #expect(success.code == 0)
            #expect(try await Self.login(server, "ann", "wrong").code == -1, "a success starts the account afresh")
        }
    }

    @Test func unknownAccountsAndAdminsAreThrottledTheSameWay() async throws {
        let clock = SteppedClock().kernelClock
        try await TestServer.with(plugins: [DemoPlugin()], clock: clock, configure: { $0.loginFreeFailuresPerAccount = 1 }) { server in
            _ = try await server.admin("root")
            var known: [Int64?] = []
            var unknown: [Int64?] = []
            for _ in 0..<3 {
                known.append(try await Self.login(server, "root", "wrong", kind: "admin").code)
                unknown.append(try await Self.login(server, "nobody@example.com", "wrong").code)
            }
            #expect(known == [-1, -1, -430])
            #expect(unknown == known, "an unknown account answers exactly like a known one")
            #expect(try await Self.login(server, "root", "wrong").code == -1, "users and admins are counted apart")
        }
    }

    @Test func manyAccountsFromOneAddressLockTheAddress() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], clock: SteppedClock().kernelClock, configure: {
            $0.loginFreeFailuresPerAccount = 100
            $0.loginFreeFailuresPerAddress = 3
        }) { server in
            var codes: [Int64?] = []
            for index in 0..<5 { codes.append(try await Self.login(server, "guess-\(index)", "wrong").code) }
            #expect(codes == [-1, -1, -1, -1, -430])
        }
    }

    @Test func hashesBeyondTheGateAndItsQueueAreAnsweredAtOnce() async throws {
        try await TestServer.with(plugins: [DemoPlugin()], configure: {
            $0.passwordIterations = 600_000
            $0.passwordHashConcurrency = 1
            $0.passwordHashQueue = 1
            $0.loginFreeFailuresPerAccount = 100
            $0.loginFreeFailuresPerAddress = 100
        }) { server in
            let codes = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for index in 0..<8 { group.addTask { try await Self.login(server, "flood-\(index)", "wrong").code } }
                return try await group.reduce(into: [Int64?]()) { $0.append($1) }
            }
            #expect(codes.count == 8)
            #expect(codes.contains(-429), "attempts beyond one running and one waiting are refused")
            #expect(codes.filter { $0 == -1 }.count >= 2)
            #expect(codes.allSatisfy { $0 == -1 || $0 == -429 })
            let busy = try await withThrowingTaskGroup(of: HTTPResult.self) { group in
                for index in 0..<4 { group.addTask { try await Self.login(server, "again-\(index)", "wrong") } }
                return try await group.reduce(into: [HTTPResult]()) { $0.append($1) }.first { $0.code == -429 }
            }
            #expect(busy?.msg == "too many requests, retry shortly")
            #expect(busy?.data?["retry_after"] == 1)
        }
    }
}
