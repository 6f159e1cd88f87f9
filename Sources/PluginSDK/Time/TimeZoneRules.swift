import Foundation
import Synchronization

/// A time zone's offsets from UTC, read from the system's zone data once per zone and kept for
/// the process: a moment's wall clock in the zone is a binary search over the zone's transitions,
/// with no `Calendar` or formatter made per call. Stored times stay UTC; this is how a store's
/// people read, filter and file them.
public final class TimeZoneRules: Sendable, Equatable {
    /// The IANA name ("Asia/Shanghai", "UTC").
    public let identifier: String
    /// Moments (UTC seconds) at which the offset changes, ascending, up to `tableEnd`.
    private let transitions: [Int64]
    /// `offsets[i]` (seconds east of UTC) holds before `transitions[i]`; the last one after the last.
    private let offsets: [Int32]
    private let zone: TimeZone

    /// 2200-01-01: later moments ask Foundation (slower, as right).
    private static let tableEnd: Int64 = 7_258_118_400
    /// 1900-01-01: the table starts here.
    private static let tableStart: Int64 = -2_208_988_800

    /// Coordinated Universal Time: no transitions, offset 0.
    public static let utc = TimeZoneRules(identifier: "UTC", zone: TimeZone(secondsFromGMT: 0)!)

    private static let loaded = Mutex<[String: TimeZoneRules]>([:])

    /// The zone named `identifier`, or nil when it is not an IANA zone name: "UTC" or an
    /// `Area/Location` name the system's zone data knows, spelled exactly ("Europe/Berlin",
    /// "Etc/GMT-8"; not "europe/berlin", "CST" or "GMT+8"). Read once per process and zone.
    public static func named(_ identifier: String) -> TimeZoneRules? {
        if identifier == "UTC" { return utc }
        if let rules = loaded.withLock({ $0[identifier] }) { return rules }
        guard identifier.contains("/"), identifier.utf8.count <= 64, identifier.utf8.allSatisfy(isNameByte),
            let zone = TimeZone(identifier: identifier),
            zone.identifier == identifier
        else { return nil }
        let rules = TimeZoneRules(identifier: identifier, zone: zone)
        return loaded.withLock { known in
            if let earlier = known[identifier] { return earlier }
            known[identifier] = rules
            return rules
        }
    }

    /// The bytes of IANA zone names: ASCII letters, digits, `/`, `_`, `-` and `+`.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"):
            true
        default: false
        }
    }

    private init(identifier: String, zone: TimeZone) {
        self.identifier = identifier
        self.zone = zone
        var moment = Date(timeIntervalSince1970: TimeInterval(Self.tableStart))
        var transitions: [Int64] = []
        var offsets = [Int32(zone.secondsFromGMT(for: moment))]
        while let next = zone.nextDaylightSavingTimeTransition(after: moment), next.timeIntervalSince1970 < TimeInterval(Self.tableEnd) {
            let offset = Int32(zone.secondsFromGMT(for: next))
            if offset != offsets.last {
                transitions.append(Int64(next.timeIntervalSince1970.rounded(.down)))
                offsets.append(offset)
            }
            moment = next
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// Zones are equal when they have the same name.
    public static func == (left: TimeZoneRules, right: TimeZoneRules) -> Bool {
        left.identifier == right.identifier
    }

    /// Whether this is UTC itself (every conversion is then the identity).
    public var isUTC: Bool { transitions.isEmpty && offsets[0] == 0 }

    /// Seconds east of UTC at `seconds` (UTC seconds since 1970).
    public func offset(at seconds: Int64) -> Int64 {
        if transitions.isEmpty { return Int64(offsets[0]) }
        if seconds >= Self.tableEnd { return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))) }
        return Int64(offsets[segment(holding: seconds)])
    }

    /// The zone's wall clock at a moment, as seconds for `CivilTime` ("2027-01-01 01:30" in
    /// Shanghai for 2026-12-31T17:30:00Z).
    public func wallClock(_ seconds: Int64) -> Int64 {
        seconds + offset(at: seconds)
    }

    /// The first moment whose wall clock reads `wall` or later: the moment of a wall-clock time,
    /// the earlier one when the clock is set back, and the moment the clock jumps when the time
    /// is skipped (a day whose midnight is skipped starts at the jump).
    public func firstMoment(atOrAfter wall: Int64) -> Int64 {
        if transitions.isEmpty { return wall - Int64(offsets[0]) }
        if wall >= Self.tableEnd {
            let guess = wall - offset(at: wall)
            return wall - offset(at: guess)
        }
        // Offsets lie within +-26 hours, so no moment before wall - 26 h can read `wall`.
        var index = segment(holding: wall - 93_600)
        while true {
            let start = index > 0 ? transitions[index - 1] : Int64.min
            let end = index < transitions.count ? transitions[index] : Int64.max
            let candidate = max(start, wall - Int64(offsets[index]))
            if candidate < end { return candidate }
            index += 1
        }
    }

    /// The moments a local calendar day spans: its first second and the first of the next day
    /// (23 or 25 hours apart on days the clock changes).
    public func day(year: Int64, month: Int64, day: Int64) -> Range<Int64>? {
        guard let midnight = CivilTime.wall(year: year, month: month, day: day) else { return nil }
        return firstMoment(atOrAfter: midnight)..<firstMoment(atOrAfter: midnight + 86_400)
    }

    /// The offset as people write it after a time: "UTC" when it is zero, else "UTC+08:00",
    /// "UTC+03:30", "UTC-05:00".
    public func offsetText(at seconds: Int64) -> String {
        let offset = offset(at: seconds)
        guard offset != 0 else { return "UTC" }
        var bytes = Array("UTC".utf8)
        bytes.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        CivilTime.append(abs(offset) / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilTime.append(abs(offset) / 60 % 60, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The index of the offset in force at `seconds`: how many transitions lie at or before it.
    private func segment(holding seconds: Int64) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= seconds { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
