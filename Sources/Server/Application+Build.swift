import Dashboard
import Hummingbird
import Kernel
import PluginSDK
import Logging
import NIOCore

/// Builds the HTTP application around a started kernel; `serve` and the tests use the same one.
/// `onListening` gets the bound address (port 0 picks a free port).
public func buildApplication(
    kernel: Kernel,
    configuration: ServerConfiguration,
    logger: Logger,
    onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
) -> some ApplicationProtocol {
    let metrics = ServerMetrics()
    let router = Router(context: ServerContext.self)
    router.add(middleware: AccessLogMiddleware(kernel: kernel, logger: logger, metrics: metrics))

    let endpoint = PluginEndpoint(
        kernel: kernel, limits: configuration.limits, bodyTimeout: .seconds(configuration.bodyTimeoutSeconds),
        shutdownGrace: .seconds(configuration.shutdownGraceSeconds))
    let entries: [(path: RouterPath, surface: KernelRequest.Surface, entry: PluginEndpoint.Entry)] = [
        ("/api/plugins/index", .api, .call),
        ("/admin/plugins/index", .admin, .call),
        ("/api/plugins/batch", .api, .batch),
        ("/admin/plugins/batch", .admin, .batch),
        ("/api.php", .api, .shopxo),
        ("/admin.php", .admin, .shopxo),
    ]
    for entry in entries {
        for method in [HTTPRequest.Method.post, .get] {
            router.on(entry.path, method: method) { request, context in
                try await endpoint.respond(to: request, context: context, surface: entry.surface, entry: entry.entry)
            }
        }
    }
    for (prefix, surface) in [("/api/plugins", KernelRequest.Surface.api), ("/admin/plugins", .admin)] {
        for method in [HTTPRequest.Method.post, .get] {
            router.on(RouterPath("\(prefix)/:plugin/:control/:action"), method: method) { request, context in
                let route = (
                    plugin: context.parameters.get("plugin") ?? "", control: context.parameters.get("control") ?? "",
                    action: context.parameters.get("action") ?? ""
                )
                return try await endpoint.respond(to: request, context: context, surface: surface, entry: .call, pathRoute: route)
            }
        }
    }
    OperationsRoutes(kernel: kernel, metrics: metrics).add(to: router)
    DashboardRoutes(
        dashboard: Dashboard(kernel: kernel, configuration: configuration), limits: configuration.limits,
        trustedProxies: Set(configuration.trustedProxies)
    ).add(to: router)

    let idleTimeout = TimeAmount.seconds(Int64(configuration.idleTimeoutSeconds))
    let headerLimit = max(1_024, configuration.maxHeaderBytes)
    let headerTooLarge = kernel.answer(
        KernelError(code: .badParameter, message: KernelMessages.headerTooLarge, problem: .headerTooLarge),
        language: kernel.access.defaultLanguage, requestID: "")
    let headerEnvelope = headerTooLarge.envelope?.serialized() ?? []
    var application = Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ConnectionCounter(metrics: metrics), HeaderLimitHandler(envelope: headerEnvelope)],
                idleTimeout: idleTimeout,
                httpDecoderConfiguration: .init(maxHeaderFieldSize: headerLimit, maxHeaderListSize: headerLimit))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "invoice-server"),
        onServerRunning: { channel in
            let address = channel.localAddress
            await onListening(address?.ipAddress ?? configuration.host, address?.port ?? configuration.port)
        },
        logger: logger)
    application.addServices(CacheFollower(kernel: kernel, logger: logger))
    return application
}
