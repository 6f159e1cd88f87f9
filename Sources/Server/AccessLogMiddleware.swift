import Hummingbird
import Kernel
import Logging

/// Wraps every request: gives it an id (kept from `X-Request-Id` when well-formed), turns
/// transport errors (unknown path, wrong method, body too large) into envelopes, sends the id
/// back, writes one access log line and records metrics.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    let logger: Logger
    let metrics: ServerMetrics

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = Self.requestID(from: request)
        let outcome = RequestOutcome()
        context.outcome = outcome
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = Self.envelope(for: error, request: request)
        } catch {
            logger.error("unhandled error", metadata: ["request_id": "\(context.requestID)", "error": "\(error)"])
            response = .envelope(
                KernelError(code: .failure, message: KernelMessages.internalError, data: ["request_id": .string(context.requestID)]),
                language: request.queryLanguage)
        }
        response.headers[.init("X-Request-Id")!] = context.requestID
        let elapsed = ContinuousClock.now - started
        let code = outcome.code ?? (response.status.code == 200 ? 0 : -1)
        var routeLabel = "-"
        if let route = outcome.route {
            routeLabel = "\(route.plugin)/\(route.control)/\(route.action)"
            metrics.record(plugin: route.plugin, control: route.control, action: route.action, code: code, duration: elapsed)
        }
        logger.info(
            "\(request.method.rawValue) \(request.uri.path) \(routeLabel) status=\(response.status.code) code=\(code) \(Self.milliseconds(elapsed))ms",
            metadata: ["request_id": "\(context.requestID)"])
        return response
    }

    private static func envelope(for error: HTTPError, request: Request) -> Response {
        let message: LocalizedText
        switch error.status {
        case .contentTooLarge: message = KernelMessages.bodyTooLarge
        case .methodNotAllowed: message = KernelMessages.methodNotAllowed
        case .notFound: message = KernelMessages.unknownPath
        default: message = KernelMessages.malformedBody
        }
        let code: ResultCode = error.status == .notFound ? .failure : .badParameter
        return .envelope(
            Envelope(msg: message(request.queryLanguage), code: code, data: ""), status: error.status)
    }

    /// A client's `X-Request-Id` when it is 1-64 safe characters, else a new random id.
    private static func requestID(from request: Request) -> String {
        if let given = request.headers[.init("X-Request-Id")!], (1...64).contains(given.utf8.count),
            given.utf8.allSatisfy({ $0 == 45 || $0 == 95 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) })
        {
            return given
        }
        return String(UInt64.random(in: .min ... .max), radix: 16, uppercase: false)
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.nanoseconds / 1_000
        return "\(micros / 1_000).\(String(micros % 1_000 / 100))"
    }
}
