import HTTPTypes
import Hummingbird
import Kernel
import PluginSDK
import Logging
import Synchronization

/// Wraps every request: gives it an id (kept from `X-Request-Id` when well-formed), turns
/// transport errors (unknown path, wrong method, body too large) into envelopes, sends the id
/// back, writes one access log line and records metrics.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    let kernel: Kernel
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
            response = Response(kernel.answer(error.kernelError, language: request.language(kernel), requestID: context.requestID))
        } catch {
            response = Response(kernel.answer(error, language: request.language(kernel), requestID: context.requestID))
        }
        response.headers[Self.requestIDField] = context.requestID
        let elapsed = ContinuousClock.now - started
        let code = outcome.code ?? (response.status.code == 200 ? 0 : -1)
        var routeLabel = "-"
        if let route = outcome.route {
            routeLabel = "\(route.plugin)/\(route.control)/\(route.action)"
            metrics.record(plugin: route.plugin, control: route.control, action: route.action, code: code, duration: elapsed)
        }
        let jobs = outcome.storageJobs
        logger.info(
            "\(request.method.rawValue) \(request.uri.path) \(routeLabel) status=\(response.status.code) code=\(code) jobs=\(jobs.reads)r\(jobs.writes)w \(Self.milliseconds(elapsed))ms",
            metadata: ["request_id": "\(context.requestID)"])
        return response
    }

    /// A client's `X-Request-Id` when it is 1-64 safe characters, else a new id: a random
    /// prefix drawn once per process and a counter, unique without a random draw per request.
    private static func requestID(from request: Request) -> String {
        if let given = request.headers[requestIDField], (1...64).contains(given.utf8.count), given.utf8.allSatisfy(isSafe) {
            return given
        }
        return processPrefix + String(requestCounter.add(1, ordering: .relaxed).newValue, radix: 16)
    }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"):
            true
        default: false
        }
    }

    private static let requestIDField = HTTPField.Name("X-Request-Id")!
    private static let processPrefix = String(UInt32.random(in: .min ... .max), radix: 16) + "-"
    private static let requestCounter = Atomic<UInt64>(0)

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return "\(micros / 1_000).\(String(micros % 1_000 / 100))"
    }
}
