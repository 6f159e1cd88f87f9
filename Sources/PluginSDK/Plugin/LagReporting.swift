/// Background work that can tell how far behind it is. The server exports the lag at `/metrics`
/// (`invoice_scheduler_lag_seconds{plugin}`), and `/readyz` fails while it exceeds the server's
/// `scheduler_stuck_seconds`.
public protocol LagReporting: BackgroundWork {
    /// Seconds the oldest piece of work that is due has waited at `now`; 0 when nothing is due.
    func lagSeconds(_ services: PluginServices, now: Int64) async throws -> Int64
}
