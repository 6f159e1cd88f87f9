import Foundation

/// Metrics whose values are read when `/metrics` is scraped (the process, the database, the
/// outbox, background work), written in the Prometheus text format with `# HELP` and `# TYPE`.
struct ScrapeMetrics {
    private(set) var text = ""

    /// A value that goes up and down.
    mutating func gauge(_ name: String, _ help: String, _ value: Double, labels: [(String, String)] = []) {
        family(name, help, "gauge", [(labels, value)])
    }

    /// A value that only grows (since the process started, or since the data began).
    mutating func counter(_ name: String, _ help: String, _ value: Double, labels: [(String, String)] = []) {
        family(name, help, "counter", [(labels, value)])
    }

    /// One metric with a sample per label set; nothing at all when there are no samples.
    mutating func family(_ name: String, _ help: String, _ type: String, _ samples: [([(String, String)], Double)]) {
        guard !samples.isEmpty else { return }
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        for (labels, value) in samples {
            let labelText = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(Self.escaped($0.1))\"" }.joined(separator: ",") + "}"
            text += "\(name)\(labelText) \(Self.number(value))\n"
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
