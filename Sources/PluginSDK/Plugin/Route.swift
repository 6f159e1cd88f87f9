/// One callable action of a plugin: `control/action`, who may call it, and its handler.
/// Only actions registered as routes can ever run.
public struct Route: Sendable {
    /// What an action does when called.
    public typealias Handler = @Sendable (ActionContext) async throws -> Reply

    public let control: String
    public let action: String
    public let access: Access
    /// Whether GET may call it (public reads only); everything else is POST.
    public let allowsGET: Bool
    /// The parameters it declares; checked by the kernel before `handler` runs.
    public let params: [Param]
    /// One line on what it does (for the OpenAPI document).
    public let summary: String
    /// The content type of the file it answers with on success (`application/pdf`); nil for an
    /// envelope. Errors are envelopes either way.
    public let fileType: String?
    /// Whether the action may take part in an atomic batch: all it does is read and write its
    /// storage through `PluginStorage` (and publish events there), so running it inside one
    /// shared transaction and rolling it back undoes it entirely. False (the default) for
    /// anything that also acts outside storage - sends mail or HTTP, changes plugin config or
    /// in-memory state, answers a file - and for remote plugins.
    public let transactionSafe: Bool
    public let handler: Handler
    /// What the API reference shows beyond the declaration: translated summaries, an example
    /// request and the plugin's own error codes (`Route+Reference.swift`).
    public internal(set) var reference = RouteReference()

    public init(
        _ control: String, _ action: String, access: Access, allowsGET: Bool = false, params: [Param] = [], summary: String = "",
        fileType: String? = nil, transactionSafe: Bool = false, handler: @escaping Handler
    ) {
        self.control = control
        self.action = action
        self.access = access
        self.allowsGET = allowsGET && access == .public
        self.params = params
        self.summary = summary
        self.fileType = fileType
        self.transactionSafe = transactionSafe && fileType == nil
        self.handler = handler
    }

    /// The same route, marked safe for atomic batches (see `transactionSafe`).
    public func markedTransactionSafe() -> Route {
        Route(
            control, action, access: access, allowsGET: allowsGET, params: params, summary: summary, fileType: fileType, transactionSafe: true,
            handler: handler)
    }

    /// The admin permission this route requires, `plugin.control.action` unless named otherwise.
    public func permission(plugin: String) -> String {
        if case .admin(let permission?) = access { return permission }
        return "\(plugin).\(control).\(action)"
    }
}
