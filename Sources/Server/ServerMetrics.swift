import Prometheus
import Synchronization

/// The server's request metrics, kept in its own Prometheus registry (one per application, so
/// tests can run many servers in one process), and the exposition served at `/metrics`: those,
/// then the values read at each scrape (`ScrapeMetrics`). Every metric has `# HELP` and `# TYPE`.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let openConnections = Atomic<Int>(0)
    /// Counters and histograms by route and code, made once: the registry's own lookup is costly.
    private let routeMetrics = Mutex<[String: (Counter, DurationHistogram)]>([:])
    static let durationBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "invoice", metricName: "requests", unitName: "total", helpText: "Calls answered, by plugin, control, action and envelope code")
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "invoice", metricName: "request_duration", unitName: "seconds",
            helpText: "Time from a call's arrival to its answer, by plugin, control and action")
    }

    public init() {}

    /// Counts one request and its latency by plugin, control, action and envelope code.
    func record(plugin: String, control: String, action: String, code: Int, duration: Duration) {
        let key = "\(plugin)/\(control)/\(action)/\(code)"
        let registry = self.registry
        let (counter, histogram) = routeMetrics.withLock { cache in
            if let found = cache[key] { return found }
            let labels = [("plugin", plugin), ("control", control), ("action", action)]
            let made = (
                registry.makeCounter(descriptor: Self.requests, labels: labels + [("code", String(code))]),
                registry.makeDurationHistogram(descriptor: Self.duration, labels: labels, buckets: Self.durationBuckets)
            )
            cache[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    func connectionOpened() { openConnections.add(1, ordering: .relaxed) }
    func connectionClosed() { openConnections.subtract(1, ordering: .relaxed) }

    /// The exposition text: the request metrics, then `scraped` and the connection gauges.
    func render(_ scraped: ScrapeMetrics) -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        var text = scraped
        text.gauge("invoice_open_connections", "HTTP connections open now", Double(openConnections.load(ordering: .relaxed)))
        buffer += Array(text.text.utf8)
        return buffer
    }
}
