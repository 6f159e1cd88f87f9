/// The name of a well-known event. Plugins may publish others by plain name; these are the ones
/// the first-party plugins publish and remote plugins may subscribe to.
public struct HookEventName: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// An invoice was created (payload: the invoice).
    public static let invoiceCreated = HookEventName(rawValue: "invoice.created")
    /// An invoice was paid in full (payload: the invoice).
    public static let invoicePaid = HookEventName(rawValue: "invoice.paid")
    /// An invoice was refunded in part or in full (payload: the invoice).
    public static let invoiceRefunded = HookEventName(rawValue: "invoice.refunded")
    /// An admin reviewed a tax-invoice application (payload: the application).
    public static let applicationAudited = HookEventName(rawValue: "application.audited")
    /// A schedule came due (payload: the schedule and the occurrence).
    public static let scheduleOccurrence = HookEventName(rawValue: "schedule.occurrence")

    /// Every well-known event.
    public static let all: [HookEventName] = [invoiceCreated, invoicePaid, invoiceRefunded, applicationAudited, scheduleOccurrence]

    /// `^[a-z0-9_.]{1,60}$`: the names an event may take.
    public static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        return (1...60).contains(bytes.count)
            && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 || $0 == 46 }
    }
}

/// A filter hook: handlers receive a `Value` and answer it, changed or not.
public struct FilterPoint<Value: Sendable>: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

extension FilterPoint where Value == JSON {
    /// The data an invoice PDF is rendered from, before rendering: a filter may add, change or
    /// remove fields (a footer, a stamp text, a translated label).
    public static var invoicePDFData: FilterPoint<JSON> { FilterPoint("invoice.pdf_data") }
}

/// A veto hook: handlers receive a `Subject` and refuse the operation by throwing.
public struct VetoPoint<Subject: Sendable>: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

/// A plugin about to be installed, as veto handlers see it.
public struct PluginInstallation: Sendable {
    public let name: String
    public let version: String
    /// `builtin` or `remote`.
    public let source: String

    public init(name: String, version: String, source: String) {
        self.name = name
        self.version = version
        self.source = source
    }
}

extension VetoPoint where Subject == PluginInstallation {
    /// Before a plugin is installed or registered: throw to refuse it.
    public static var pluginInstall: VetoPoint<PluginInstallation> { VetoPoint("plugin.install") }
}
