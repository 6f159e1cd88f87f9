import Foundation

/// The process's own resource use, read from `/proc/self` (Linux): resident memory, CPU time,
/// open file descriptors and the start time. Values are nil where `/proc` is not there.
struct ProcessStatistics {
    var residentBytes: Double?
    var cpuSeconds: Double?
    var openDescriptors: Double?
    var startTime: Double?

    /// Reads the statistics now.
    static func read() -> ProcessStatistics {
        var statistics = ProcessStatistics()
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ")
            if fields.count > 1, let pages = Double(fields[1]) { statistics.residentBytes = pages * pageSize }
        }
        // Fields after the command name (which may hold spaces) in /proc/self/stat: utime is the
        // 14th field, stime the 15th, starttime (ticks after boot) the 22nd.
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") {
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 19, let user = Double(fields[11]), let system = Double(fields[12]), let started = Double(fields[19]) {
                statistics.cpuSeconds = (user + system) / ticks
                if let boot = bootTime() { statistics.startTime = boot + started / ticks }
            }
        }
        if let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            statistics.openDescriptors = Double(descriptors.count)
        }
        return statistics
    }

    /// When the machine booted (`btime` in /proc/stat), in Unix seconds.
    private static func bootTime() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
