import Foundation
import Logging
import PluginSDK
import Storage

/// Takes a parsed request through the fixed steps: check the names, find the plugin and its
/// state, find the route, check the limits, establish the caller, check access, run the action,
/// and map whatever happens to one answer. Plugin state and callers come from memory: a request
/// reaches storage only for what its action does.
struct Dispatcher: Sendable {
    let access: KernelAccess

    /// Answers one call; `inBatch` refuses actions that answer files (a batch answers envelopes only).
    func handle(_ request: KernelRequest, inBatch: Bool = false) async -> KernelResponse {
        let language = access.language(for: request.params)
        let counter = StorageJobCounter()
        let outcome = RouteOutcome()
        var response: KernelResponse
        do {
            response = try await StorageJobCounter.$current.withValue(counter) {
                try await route(request, language: language, outcome: outcome, inBatch: inBatch)
            }
        } catch {
            response = ErrorMapping.response(for: error, language: language, requestID: request.requestID, logger: access.logger)
        }
        response.route = outcome.route
        response.storageJobs = (counter.readJobs, counter.writeJobs)
        return response
    }

    private func route(_ request: KernelRequest, language: Language, outcome: RouteOutcome, inBatch: Bool) async throws -> KernelResponse {
        let plugin = try routingName("pluginsname", request.params)
        let control = try routingName("pluginscontrol", request.params)
        let action = try routingName("pluginsaction", request.params)
        let (route, state) = try await resolve(plugin: plugin, control: control, action: action)
        outcome.route = RouteName(plugin: plugin, control: control, action: action)
        if inBatch && route.fileType != nil { throw KernelError(code: .badParameter, message: BatchMessages.fileInBatch) }
        if request.method == .get && !route.allowsGET {
            throw KernelError(code: .badParameter, message: KernelMessages.methodNotAllowed, problem: .methodNotAllowed)
        }
        try access.configuration.limits.check(request.params)

        let credential = Self.credential(of: request)
        let caller = try await credential.asyncMap { try await access.accounts.caller(presenting: $0) } ?? .anonymous
        if case .anonymous = caller, let credential, route.access != .public, Self.isMerchant(credential, of: request, route: route) {
            throw KernelError(code: .invalidAPIKey, message: KernelMessages.invalidAPIKey)
        }
        try authorize(caller, for: route, plugin: plugin)
        try ParamValidator.check(request.params, against: route.params)

        var request = request
        let reads = access.configuration.checkDeclaredParams ? ParamReadLog() : nil
        request.params.readLog = reads
        let context = ActionContext(
            request: request, caller: caller, credential: credential, language: language, plugin: plugin, control: control,
            action: action, config: state.config, services: access.services(for: plugin))
        let reply = try await route.handler(context)
        if let reads { try Self.checkDeclared(reads.read, route: route, plugin: plugin) }
        if let file = reply.file { return KernelResponse(body: .file(file)) }
        return .envelope(Envelope(msg: reply.message(language), code: .success, data: reply.data))
    }

    /// The route `plugin/control/action` names and its plugin's state; throws what the call
    /// would answer when the plugin is unknown, disabled, or has no such action.
    func resolve(plugin: String, control: String, action: String) async throws -> (Route, PluginRegistry.State) {
        let registry = access.registry
        if registry.isStale { try await registry.refresh() }
        guard let (entry, state) = registry.lookup(plugin), let state, state.installed else {
            throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(plugin))
        }
        guard state.enabled else { throw KernelError(code: .pluginDisabled, message: KernelMessages.pluginDisabled(plugin)) }
        guard let route = entry.routes.route(control: control, action: action) else {
            throw KernelError(code: .failure, message: KernelMessages.unknownAction(plugin, control, action))
        }
        return (route, state)
    }

    /// Parameters any action may read without declaring them: the routing names and the
    /// common parameters of every call.
    static let commonParams: Set<String> = ["pluginsname", "pluginscontrol", "pluginsaction", "s", "token", "lang"]

    /// With `check_declared_params` on (the tests run so): an action that read a parameter its
    /// route does not declare fails, naming it, so the route table and the OpenAPI document
    /// cannot fall behind what actions read.
    private static func checkDeclared(_ read: Set<String>, route: Route, plugin: String) throws {
        let undeclared = read.subtracting(commonParams).subtracting(route.params.map(\.name)).sorted()
        guard undeclared.isEmpty else {
            throw KernelError.invalid(LocalizedText(
                verbatim: "\(plugin)/\(route.control)/\(route.action) read undeclared parameters: \(undeclared.joined(separator: ", "))"))
        }
    }

    /// Checks the route's access level against the caller.
    private func authorize(_ caller: Caller, for route: Route, plugin: String) throws {
        let permission = route.permission(plugin: plugin)
        switch (route.access, caller) {
        case (.public, _):
            return
        case (.user, .user):
            return
        case (.admin, .admin(let admin)):
            guard admin.holds(permission) else { throw KernelError.noPermission }
        case (.apiKey(let scope), .apiKey(let key)):
            guard key.scopes.contains(scope) || key.scopes.contains("*") else { throw KernelError.noPermission }
        case (.apiKey, .admin(let admin)):
            guard admin.holds(permission) else { throw KernelError.noPermission }
        case (_, .anonymous):
            throw loginRequired
        case (.user, _):
            throw loginRequired
        default:
            throw KernelError.noPermission
        }
    }

    private var loginRequired: KernelError {
        KernelError(code: .loginRequired, message: KernelMessages.loginRequired, data: .string(access.configuration.loginURL))
    }

    private func routingName(_ key: String, _ params: Params) throws -> String {
        guard let value = params[key], !value.isNull, let name = value.stringValue, !name.isEmpty else {
            throw KernelError.badParameter(key, .missing)
        }
        guard PluginName.isValid(name) else { throw KernelError.badParameter(key, .malformed) }
        return name
    }

    /// Whether a secret that named no one was a merchant's: an API key by its prefix, or any
    /// secret sent in a header (`Authorization: Bearer`, `X-Api-Key`) to an API-key action.
    /// ShopXO's clients send `token` as a parameter and keep their -400 with the login path.
    private static func isMerchant(_ credential: String, of request: KernelRequest, route: Route) -> Bool {
        if credential.hasPrefix(Accounts.apiKeyPrefix) { return true }
        guard case .apiKey = route.access else { return false }
        return request.headers["x-api-key"] != nil || request.headers["authorization"] != nil
    }

    /// The secret the caller presents: `Authorization: Bearer`, `X-Api-Key`, or the `token` parameter.
    static func credential(of request: KernelRequest) -> String? {
        if let header = request.headers["authorization"] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { return value }
            }
        }
        if let key = request.headers["x-api-key"], !key.isEmpty { return key }
        if let token = request.params.string("token"), !token.isEmpty { return token }
        return nil
    }
}

/// The route a request named, once its names were valid; kept for logs and metrics whether the
/// action then succeeded or not. One request runs in one task, so no lock is needed.
private final class RouteOutcome: @unchecked Sendable {
    var route: RouteName?
}
