import Foundation
import PluginSDK

/// The time zone a schedule's occurrences are reckoned in: the one the request names (IANA,
/// e.g. "Asia/Tehran"), or the default. Every schedule's zone is resolved here and only here.
enum ScheduleZone {
    /// The zone of a schedule that names none.
    static let defaultName = "UTC"

    /// The zone `requested` names (nil or empty: the default); a name no zone has is refused
    /// naming `field`.
    static func resolve(_ requested: String?, field: String) throws -> TimeZone {
        let name = requested.flatMap { $0.isEmpty ? nil : $0 } ?? defaultName
        guard let zone = TimeZone(identifier: name) else { throw KernelError.badParameter(field, .malformed) }
        return zone
    }

    /// The name a zone is stored and shown under: Foundation calls UTC "GMT"; this says "UTC",
    /// as the README does.
    static func name(_ zone: TimeZone) -> String {
        zone.identifier == "GMT" ? defaultName : zone.identifier
    }
}
