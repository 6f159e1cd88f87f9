import Hummingbird
import Kernel
import NIOCore
import PluginSDK

/// `GET /healthz` (the process answers), `GET /readyz` (storage answers, the outbox and the
/// scheduler are not stuck), `GET /metrics` (Prometheus text format, see `OperationalMetrics`) and `GET /api/openapi.json` (every enabled action, from the route tables).
struct OperationsRoutes: Sendable {
    let kernel: Kernel
    let metrics: ServerMetrics

    func add(to router: Router<ServerContext>) {
        router.get("/healthz") { _, _ in
            Response(.envelope(Envelope(msg: "ok", code: .success, data: ["status": "alive"])))
        }
        router.get("/readyz") { [kernel] request, context in
            let problems = await Readiness.problems(kernel)
            if problems.isEmpty {
                return Response(.envelope(Envelope(msg: "ok", code: .success, data: ["status": "ready"])))
            }
            let unavailable = KernelError(
                code: .storageFailed, message: KernelMessages.storageFailed,
                data: ["status": "not ready", "problems": .array(problems.map { .string($0) })], problem: .unavailable)
            return Response(kernel.answer(unavailable, language: request.language(kernel), requestID: context.requestID))
        }
        router.get("/api/openapi.json") { [kernel] _, _ in
            let document = OpenAPIDocument.build(kernel.access.registry)
            return Response(
                status: .ok, headers: [.contentType: Response.jsonContentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.serialized())))
        }
        router.get("/metrics") { [kernel, metrics] _, _ in
            let text = metrics.render(await OperationalMetrics.read(kernel))
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
        }
    }
}
