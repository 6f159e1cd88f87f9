import Foundation
import PluginSDK

/// What a remote plugin declares when an admin registers it: its name and version, the actions
/// the kernel may forward to it with their access levels, and the events it wants delivered.
///
/// ```json
/// {"name": "loyalty", "version": "1.2.0", "title": "Loyalty points",
///  "actions": [{"control": "points", "action": "balance", "access": "user"},
///              {"control": "points", "action": "grant", "access": "admin"},
///              {"control": "points", "action": "sync", "access": "apikey:loyalty"}],
///  "events": ["invoice.paid"], "timeout_seconds": 5}
/// ```
public struct RemoteManifest: Sendable, Equatable {
    /// One forwarded action.
    public struct Action: Sendable, Equatable {
        public let control: String
        public let action: String
        public let access: Access
        public let summary: String
    }

    public let name: String
    public let title: String
    public let version: String
    public let author: String
    public let description: String
    public let actions: [Action]
    /// Event names it wants delivered (signed, through the outbox).
    public let events: [String]
    /// Seconds the kernel waits for an answer before answering -9999.
    public let timeoutSeconds: Int

    /// Most actions and events one manifest may declare.
    static let maxActions = 200
    static let maxEvents = 50

    /// Reads and checks a manifest; a problem answers -5000 naming the field (`manifest.name`).
    public static func parse(_ json: JSON) throws(KernelError) -> RemoteManifest {
        guard let object = json.objectValue else { throw .badParameter("manifest", .malformed) }
        func text(_ key: String, required: Bool = false, max: Int = 255) throws(KernelError) -> String {
            guard let value = object[key], !value.isNull else {
                if required { throw .badParameter("manifest.\(key)", .missing) }
                return ""
            }
            guard case .string(let text) = value else { throw .badParameter("manifest.\(key)", .malformed) }
            if text.utf8.count > max { throw .badParameter("manifest.\(key)", .tooLong(maxBytes: max)) }
            return text
        }
        let name = try text("name", required: true, max: 60)
        guard PluginName.isValid(name) else { throw .badParameter("manifest.name", .malformed) }
        let version = try text("version", required: true, max: 40)
        guard !version.isEmpty else { throw .badParameter("manifest.version", .missing) }

        guard let actionList = object["actions"]?.arrayValue, !actionList.isEmpty else {
            throw .badParameter("manifest.actions", .missing)
        }
        guard actionList.count <= maxActions else { throw .badParameter("manifest.actions", .outOfRange(1...Int64(maxActions))) }
        var actions: [Action] = []
        for (index, item) in actionList.enumerated() {
            let field = "manifest.actions[\(index)]"
            guard let control = item["control"]?.stringValue, PluginName.isValid(control) else {
                throw .badParameter("\(field).control", .malformed)
            }
            guard let action = item["action"]?.stringValue, PluginName.isValid(action) else {
                throw .badParameter("\(field).action", .malformed)
            }
            guard let accessText = item["access"]?.stringValue, let access = Self.access(accessText) else {
                throw .badParameter("\(field).access", .notOneOf(["public", "user", "admin", "apikey:<scope>"]))
            }
            guard !actions.contains(where: { $0.control == control && $0.action == action }) else {
                throw .badParameter("\(field)", .malformed)
            }
            let summary = Self.prefix(item["summary"]?.stringValue ?? "", maxBytes: 255)
            actions.append(Action(control: control, action: action, access: access, summary: summary))
        }

        let eventList = object["events"]?.arrayValue ?? []
        guard eventList.count <= maxEvents else { throw .badParameter("manifest.events", .outOfRange(0...Int64(maxEvents))) }
        var events: [String] = []
        for (index, item) in eventList.enumerated() {
            guard let event = item.stringValue, EventName.isValid(event) else {
                throw .badParameter("manifest.events[\(index)]", .malformed)
            }
            if !events.contains(event) { events.append(event) }
        }

        var timeout: Int64 = 5
        if let value = object["timeout_seconds"], !value.isNull {
            guard let seconds = value.intValue else { throw .badParameter("manifest.timeout_seconds", .malformed) }
            guard (1...30).contains(seconds) else { throw .badParameter("manifest.timeout_seconds", .outOfRange(1...30)) }
            timeout = seconds
        }
        let title = try text("title")
        return RemoteManifest(
            name: name, title: title.isEmpty ? name : title, version: version, author: try text("author"),
            description: try text("description", max: 2_000), actions: actions, events: events, timeoutSeconds: Int(timeout))
    }

    /// The longest start of `text` within `maxBytes` of UTF-8 that ends between two characters.
    private static func prefix(_ text: String, maxBytes: Int) -> String {
        var end = text.startIndex
        var bytes = 0
        for index in text.indices {
            bytes += text[index].utf8.count
            guard bytes <= maxBytes else { break }
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// `public`, `user`, `admin`, `apikey:<scope>`.
    private static func access(_ text: String) -> Access? {
        switch text {
        case "public": return .public
        case "user": return .user
        case "admin": return .admin()
        default:
            guard text.hasPrefix("apikey:") else { return nil }
            let scope = String(text.dropFirst("apikey:".count))
            return PluginName.isValid(scope) ? .apiKey(scope: scope) : nil
        }
    }

    /// The manifest as stored and listed (the same shape `parse` reads).
    public var json: JSON {
        [
            "name": .string(name), "title": .string(title), "version": .string(version), "author": .string(author),
            "description": .string(description),
            "actions": .array(actions.map { action in
                ["control": .string(action.control), "action": .string(action.action),
                 "access": .string(Self.accessText(action.access)), "summary": .string(action.summary)]
            }),
            "events": .array(events.map { .string($0) }),
            "timeout_seconds": .int(Int64(timeoutSeconds)),
        ]
    }

    private static func accessText(_ access: Access) -> String {
        if case .apiKey(let scope) = access { return "apikey:\(scope)" }
        return access.name
    }

    /// The kernel's manifest of the plugin (what the plugin lists show).
    public var pluginManifest: PluginManifest {
        PluginManifest(name: name, title: title, version: version, author: author, description: description)
    }
}
