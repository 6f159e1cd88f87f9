import Foundation
import Kernel
import Outbox
import PluginSDK

/// What `/metrics` reads at each scrape beyond the request counters: the process, the database
/// and WAL files, the write queue, the outbox by channel and the scheduler's lag.
enum OperationalMetrics {
    static func read(_ kernel: Kernel) async -> ScrapeMetrics {
        var metrics = ScrapeMetrics()
        let process = ProcessStatistics.read()
        if let value = process.residentBytes { metrics.gauge("process_resident_memory_bytes", "Resident memory size in bytes", value) }
        if let value = process.cpuSeconds { metrics.counter("process_cpu_seconds_total", "User and system CPU time spent in seconds", value) }
        if let value = process.openDescriptors { metrics.gauge("process_open_fds", "Open file descriptors", value) }
        if let value = process.startTime {
            metrics.gauge("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds", value)
        }

        let path = kernel.access.configuration.databasePath
        metrics.gauge("invoice_database_bytes", "Size of the database file in bytes", fileSize(path))
        metrics.gauge("invoice_database_wal_bytes", "Size of the database's write-ahead log in bytes", fileSize(path + "-wal"))
        metrics.gauge("invoice_write_queue_depth", "Writes waiting for the database writer", Double(kernel.writeQueueDepth))

        let now = kernel.access.clock.unixSeconds()
        if let outbox = try? await OutboxHealth.read(kernel.access.storage) {
            let channels = outbox.channels.sorted { $0.key < $1.key }
            metrics.family(
                "invoice_outbox_pending", "Messages waiting to go out, by channel", "gauge",
                channels.map { ([("channel", $0.key)], Double($0.value.pending)) })
            metrics.family(
                "invoice_outbox_oldest_pending_age_seconds", "How long the oldest waiting message has waited (0 when none waits), by channel",
                "gauge", channels.map { ([("channel", $0.key)], Double($0.value.oldestPendingAt.map { max(0, now - $0) } ?? 0)) })
            metrics.family(
                "invoice_outbox_failed_messages_total", "Messages given up on after their retry window, by channel", "counter",
                channels.map { ([("channel", $0.key)], Double($0.value.failedMessages)) })
            metrics.family(
                "invoice_outbox_failed_attempts_total", "Delivery attempts that did not arrive, by channel", "counter",
                channels.map { ([("channel", $0.key)], Double($0.value.failedAttempts)) })
        }
        let lags = await kernel.backgroundLag(now: now)
        metrics.family(
            "invoice_scheduler_lag_seconds", "How long the oldest due scheduled work has waited, by plugin", "gauge",
            lags.compactMap { lag in lag.seconds.map { ([("plugin", lag.plugin)], Double($0)) } })
        return metrics
    }

    private static func fileSize(_ path: String) -> Double {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.doubleValue ?? 0
    }
}
