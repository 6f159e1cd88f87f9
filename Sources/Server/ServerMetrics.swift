import Metrics
import Prometheus
import Synchronization

/// The server's metrics through swift-metrics, kept in its own Prometheus registry (one per
/// application, so tests can run many servers in one process) and served at `/metrics`.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let openConnections = Atomic<Int>(0)
    /// Counters and timers by route and code, made once: the registry's own lookup is costly.
    private let routeMetrics = Mutex<[String: (Metrics.Counter, Metrics.Timer)]>([:])

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        ]
        self.factory = factory
    }

    /// Counts one request and its latency by plugin, control, action and envelope code.
    func record(plugin: String, control: String, action: String, code: Int, duration: Duration) {
        let key = "\(plugin)/\(control)/\(action)/\(code)"
        let (counter, timer) = routeMetrics.withLock { cache in
            if let found = cache[key] { return found }
            let dimensions = [("plugin", plugin), ("control", control), ("action", action), ("code", String(code))]
            let made = (
                Metrics.Counter(label: "invoice_requests_total", dimensions: dimensions, factory: factory),
                Metrics.Timer(label: "invoice_request_duration_seconds", dimensions: Array(dimensions.prefix(3)), factory: factory)
            )
            cache[key] = made
            return made
        }
        counter.increment()
        timer.recordNanoseconds(duration.nanoseconds)
    }

    func connectionOpened() { openConnections.add(1, ordering: .relaxed) }
    func connectionClosed() { openConnections.subtract(1, ordering: .relaxed) }

    /// The exposition text, with the gauges read at this moment.
    func render(writeQueueDepth: Int) -> [UInt8] {
        Gauge(label: "invoice_write_queue_depth", factory: factory).record(writeQueueDepth)
        Gauge(label: "invoice_open_connections", factory: factory).record(openConnections.load(ordering: .relaxed))
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
