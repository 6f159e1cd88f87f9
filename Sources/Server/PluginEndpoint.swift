import Hummingbird
import Kernel
import PluginSDK
import NIOCore


/// The plugin call endpoint behind every path form: reads the query and body into parameters,
/// hands the call to the kernel and writes its answer.
struct PluginEndpoint: Sendable {
    let kernel: Kernel
    let limits: RequestLimits
    /// Longest time a request body may take to arrive.
    let bodyTimeout: Duration
    /// How long graceful shutdown lets a body still arriving go on.
    let shutdownGrace: Duration

    /// What a path answers: one call, a batch of calls, or - ShopXO's entry files - whichever its
    /// `s` names (`plugins/index` or `plugins/batch`).
    enum Entry: Sendable {
        case call, batch, shopxo
    }

    /// Handles `/api/plugins/index`, `/admin/plugins/index`, `/api/plugins/batch`,
    /// `/admin/plugins/batch` and the ShopXO forms `/api.php?s=plugins/index` (or `plugins/batch`)
    /// and `/admin.php?s=...`.
    /// `pathRoute` carries the names of the path form `/api/plugins/{plugin}/{control}/{action}`,
    /// which win over any in the query or body.
    func respond(
        to request: Request, context: ServerContext, surface: KernelRequest.Surface, entry: Entry,
        pathRoute: (plugin: String, control: String, action: String)? = nil
    ) async throws -> Response {
        var params: Params
        do {
            params = try QueryString.parse(request.uri.query.map { $0[...] } ?? "", maxKeys: limits.maxParameters)
        } catch {
            return refuse(error, language: kernel.access.defaultLanguage, context: context)
        }
        let language = kernel.access.language(for: params)
        var isBatch = entry == .batch
        if entry == .shopxo {
            do {
                isBatch = try Self.isShopXOBatch(params)
            } catch {
                return refuse(error, language: language, context: context)
            }
        }
        let body: ByteBuffer
        do throws(KernelError) {
            body = try await readBody(request, context: context)
        } catch {
            return refuse(error, language: language, context: context)
        }
        let rawBody = Array(body.readableBytesView)
        do throws(KernelError) {
            // A batch is JSON whatever its Content-Type says (curl's -d sends a form type).
            let contentType = isBatch ? "application/json" : request.headers[.contentType]
            let bodyParams = try BodyParser.parse(rawBody, contentType: contentType, maxKeys: limits.maxParameters)
            // Counted before merging, so a hostile body with many thousands of keys costs one pass.
            guard params.count <= limits.maxParameters, bodyParams.count <= limits.maxParameters else {
                throw KernelError(code: .badParameter, message: KernelMessages.tooManyParameters)
            }
            params.merge(bodyParams)
        } catch {
            return refuse(error, language: language, context: context)
        }
        if let pathRoute {
            params["pluginsname"] = .string(pathRoute.plugin)
            params["pluginscontrol"] = .string(pathRoute.control)
            params["pluginsaction"] = .string(pathRoute.action)
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let call = KernelRequest(
            surface: surface, method: request.method == .get ? .get : .post, params: params, headers: headers,
            rawBody: rawBody, requestID: context.requestID, remoteAddress: context.remoteAddress)
        let answer = isBatch ? await kernel.handleBatch(call) : await kernel.handle(call)
        context.outcome.code = answer.code.rawValue
        context.outcome.storageJobs = answer.storageJobs
        if let route = answer.route { context.outcome.route = (route.plugin, route.control, route.action) }
        return Response(answer)
    }

    /// The body, within the size limit and the time limit. A declared length over the limit is
    /// refused before reading; a body still incomplete after `bodyTimeout` (trickling or
    /// stalled) is answered 408 at once, and one still arriving during shutdown is cut off after
    /// `shutdownGrace` (`BodyDeadline`).
    private func readBody(_ request: Request, context: ServerContext) async throws(KernelError) -> ByteBuffer {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limits.maxBodyBytes {
            throw KernelError(code: .badParameter, message: KernelMessages.bodyTooLarge, problem: .bodyTooLarge)
        }
        let deadline = BodyDeadline(maxBytes: limits.maxBodyBytes, timeout: bodyTimeout, shutdownGrace: shutdownGrace)
        return try await deadline.read(request.body, eventLoop: context.eventLoop)
    }

    /// An envelope for a request refused before the kernel saw it, noted for the access log.
    private func refuse(_ error: KernelError, language: Language, context: ServerContext) -> Response {
        let answer = kernel.answer(error, language: language, requestID: context.requestID)
        context.outcome.code = answer.code.rawValue
        switch error.problem {
        case .bodyTooLarge?, .bodyTimeout?, .malformedRequest?, .unavailable?: return context.closingAfter(Response(answer))
        default: return Response(answer)
        }
    }

    /// ShopXO's entry files route by `s`; only `plugins/index` (one call) and `plugins/batch` (a
    /// batch), with or without a leading slash or `.html`, reach plugins. True for a batch.
    private static func isShopXOBatch(_ params: Params) throws(KernelError) -> Bool {
        guard let route = params.string("s") else { throw .badParameter("s", .missing) }
        var path = Substring(route)
        while path.hasPrefix("/") { path = path.dropFirst() }
        if path.hasSuffix(".html") { path = path.dropLast(5) }
        switch path {
        case "plugins/index": return false
        case "plugins/batch": return true
        default: throw .badParameter("s", .notOneOf(["plugins/index", "plugins/batch"]))
        }
    }
}
