import Foundation
import Logging
import Synchronization

/// A swift-log handler writing StreamLogHandler's line format
/// (`<time> <level> <label>: <metadata> [<source>] <message>`) through a `LogSink`.
struct BufferedLogHandler: LogHandler {
    let label: String
    let sink: LogSink
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, sink: LogSink = .standardOutput) {
        self.label = label
        self.sink = sink
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        var line = Timestamp.current() + " \(event.level) \(label):"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " [\(event.source)] \(event.message)\n"
        sink.append(line, now: event.level >= .warning)
    }
}

/// The current second as `YYYY-MM-DDTHH:MM:SS+0000`, formatted once per second.
enum Timestamp {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))

    static func current() -> String {
        let now = Int(time(nil))
        return cache.withLock { cached in
            if cached.second == now { return cached.text }
            var moment = time_t(now)
            var parts = tm()
            gmtime_r(&moment, &parts)
            var buffer = [CChar](repeating: 0, count: 32)
            let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
            let text = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            cached = (now, text)
            return text
        }
    }
}
