import Storage
import Kernel
import PluginSDK
import TestSupport

extension TestServer {
    /// Calls `system/plugin/<action>` on the admin path.
    func pluginAdmin(_ action: String, _ body: JSON = .emptyObject, token: String) async throws -> HTTPResult {
        try await call("system", "plugin", action, body, token: token, path: "/admin/plugins/index")
    }

    /// The admin list's line for `name`, if listed.
    func listed(_ name: String, token: String) async throws -> JSON? {
        let answer = try await pluginAdmin("list", token: token)
        return answer.data?.arrayValue?.first { $0["name"] == .string(name) }
    }

    /// Whether the database holds `table`.
    func hasTable(_ table: String) async throws -> Bool {
        try await kernel.access.storage.read { db in
            try db.queryOne("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", table) != nil
        }
    }

    /// The status of every outbox message, oldest first.
    func outboxStatuses() async throws -> [String] {
        try await kernel.access.storage.read { db in
            try db.query("SELECT status FROM outbox ORDER BY id").compactMap { $0.string("status") }
        }
    }
}
