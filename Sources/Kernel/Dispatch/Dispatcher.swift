import Foundation
import Logging
import Storage

/// Takes a parsed request through the fixed steps: check the names, find the plugin and its
/// state, find the route, check the limits, establish the caller, check access, run the action,
/// and map whatever happens to one envelope.
struct Dispatcher: Sendable {
    let services: KernelServices

    func handle(_ request: KernelRequest) async -> KernelResponse {
        let language = request.params.string("lang").flatMap(Language.init(parameter:))
            ?? Language(parameter: services.configuration.defaultLanguage) ?? .en
        // Only names of registered routes are reported, so logs and metrics labels stay bounded.
        var registered: RouteName?
        do {
            let name = RouteName(
                plugin: try routingName("pluginsname", request.params),
                control: try routingName("pluginscontrol", request.params),
                action: try routingName("pluginsaction", request.params))
            var response = try await route(request, name: name, language: language, registered: &registered)
            response.route = registered
            return response
        } catch {
            var response = answer(error, request: request, language: language)
            response.route = registered
            return response
        }
    }

    /// Maps any error to its envelope; unexpected ones are logged and answered without detail.
    private func answer(_ error: any Error, request: KernelRequest, language: Language) -> KernelResponse {
        switch error {
        case let error as KernelError:
            return answer(error, language: language)
        case let error as StorageError:
            services.logger.error("storage failure", metadata: ["request_id": "\(request.requestID)", "error": "\(error)"])
            let kernelError =
                error.kind == .constraint
                ? KernelError(code: .conflict, message: KernelMessages.conflict)
                : KernelError(code: .storageFailed, message: KernelMessages.storageFailed, data: ["request_id": .string(request.requestID)])
            return answer(kernelError, language: language)
        default:
            services.logger.error("action failed", metadata: ["request_id": "\(request.requestID)", "error": "\(error)"])
            return answer(
                KernelError(code: .failure, message: KernelMessages.internalError, data: ["request_id": .string(request.requestID)]),
                language: language)
        }
    }

    private func route(
        _ request: KernelRequest, name: RouteName, language: Language, registered: inout RouteName?
    ) async throws -> KernelResponse {
        let (plugin, control, action) = (name.plugin, name.control, name.action)

        let registry = services.registry
        await registry.refreshIfStale()
        guard let (entry, state) = registry.lookup(plugin), let state, state.installed else {
            throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(plugin))
        }
        guard state.enabled else { throw KernelError(code: .pluginDisabled, message: KernelMessages.pluginDisabled(plugin)) }
        guard let route = entry.routes.route(control: control, action: action) else {
            throw KernelError(code: .failure, message: KernelMessages.unknownAction(plugin, control, action))
        }
        registered = name
        if request.method == .get && !route.allowsGET {
            throw KernelError(code: .badParameter, message: KernelMessages.methodNotAllowed, httpStatus: 405)
        }
        try services.configuration.limits.check(request.params)

        let credential = Self.credential(of: request)
        let caller = try await credential.asyncMap { try await services.accounts.caller(presenting: $0) } ?? .anonymous
        try authorize(caller, for: route, plugin: plugin)
        try ParamValidator.check(request.params, against: route.params)

        let context = ActionContext(
            request: request, caller: caller, credential: credential, language: language, plugin: plugin,
            control: control, action: action, config: state.config, services: services)
        let reply = try await route.handler(context)
        if let file = reply.file {
            let disposition = (file.download ? "attachment" : "inline") + "; filename=\"\(Self.safeFileName(file.fileName))\""
            return KernelResponse(
                contentType: file.contentType, headers: [("Content-Disposition", disposition)], body: file.bytes, code: .success)
        }
        return .envelope(Envelope(msg: reply.message(language), code: .success, data: reply.data))
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
        KernelError(code: .loginRequired, message: KernelMessages.loginRequired, data: .string(services.configuration.loginURL))
    }

    private func routingName(_ key: String, _ params: Params) throws -> String {
        guard let value = params[key], !value.isNull, let name = value.stringValue, !name.isEmpty else {
            throw KernelError.badParameter(key, .missing)
        }
        guard PluginRegistry.isValidName(name) else { throw KernelError.badParameter(key, .malformed) }
        return name
    }

    private func answer(_ error: KernelError, language: Language) -> KernelResponse {
        .envelope(Envelope(msg: error.message(language), code: error.code, data: error.data), status: error.httpStatus)
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

    /// A file name safe for a header: letters, digits, `.`, `-`, `_` only.
    static func safeFileName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-_".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
        return cleaned.isEmpty ? "file" : String(cleaned.prefix(100))
    }
}
