import PluginSDK

/// The scheduler's lag: how long the oldest due occurrence of an active schedule has waited to be
/// created (0 when none is due). A tick that keeps up holds it near the tick interval.
extension SchedulePlugin: LagReporting {
    public func lagSeconds(_ services: PluginServices, now: Int64) async throws -> Int64 {
        let due = try await services.storage.read { db in
            try db.queryOne("SELECT MIN(next_run_at) AS due FROM schedule_schedules WHERE status = 'active' AND next_run_at <= ?", now)?
                .int64("due")
        }
        return due.map { max(0, now - $0) } ?? 0
    }
}
