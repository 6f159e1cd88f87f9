import Foundation
import PluginSDK

/// The time zone a schedule's occurrences are reckoned in: the one the request names (IANA,
/// e.g. "Asia/Tehran"), or the store's (its invoice settings' `time_zone`, itself the server's
/// `time_zone` by default). Every schedule's zone is resolved here and only here.
enum ScheduleZone {
    /// UTC, under the name the README uses.
    static let utcName = "UTC"

    /// The zone `requested` names (nil or empty: `storeZone`); a name no zone has is refused
    /// naming `field`.
    static func resolve(_ requested: String?, storeZone: String, field: String) throws -> TimeZone {
        let name = requested.flatMap { $0.isEmpty ? nil : $0 } ?? storeZone
        guard let zone = TimeZone(identifier: name) else { throw KernelError.badParameter(field, .malformed) }
        return zone
    }

    /// The name a zone is stored and shown under: Foundation calls UTC "GMT"; this says "UTC",
    /// as the README does.
    static func name(_ zone: TimeZone) -> String {
        zone.identifier == "GMT" ? utcName : zone.identifier
    }
}
