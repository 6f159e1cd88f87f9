import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// Issue 14: a remote plugin whose host refuses the connection answers -9999 at once, not after
/// its whole timeout.
@Suite struct RemoteFailFastTests {
    @Test func aRefusedConnectionFailsAtOnceDespiteAFiveSecondTimeout() async throws {
        try await TestServer.with(plugins: []) { server in
            let admin = try await server.admin("root")
            let manifest: JSON = [
                "name": "gone", "version": "1.0.0", "title": "Gone",
                "actions": [["control": "greet", "action": "refuse", "access": "public"]], "timeout_seconds": 5,
            ]
            let registered = try await server.pluginAdmin("register", ["manifest": manifest, "base_url": "http://127.0.0.1:9"], token: admin)
            #expect(registered.code == 0)
            for _ in 0..<3 {
                let started = ContinuousClock.now
                let answer = try await server.call("gone", "greet", "refuse")
                #expect(answer.code == -9999)
                #expect(ContinuousClock.now - started < .seconds(2), "a refused connection is not retried until the timeout")
            }
        }
    }
}
