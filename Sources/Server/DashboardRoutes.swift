import Dashboard
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore
import PluginSDK

/// Mounts the web dashboard: `/`, `/login`, `/logout` and everything under `/my`, `/manage`,
/// `/i` and `/assets`. Turns each request into a `DashboardRequest` (query, url-encoded or
/// multipart form, headers, whether it came over TLS) and writes the `DashboardResponse` out.
struct DashboardRoutes: Sendable {
    let dashboard: Dashboard
    let limits: RequestLimits
    let trustedProxies: Set<String>

    func add(to router: Router<ServerContext>) {
        let paths = Dashboard.paths.map { RouterPath($0) } + Dashboard.pathPrefixes.map { RouterPath("\($0)/**") }
        for path in paths {
            for method in [HTTPRequest.Method.get, .post] {
                router.on(path, method: method) { request, context in try await respond(to: request, context: context) }
            }
        }
    }

    private func respond(to request: Request, context: ServerContext) async throws -> Response {
        let query = (try? QueryString.parse(request.uri.query.map { $0[...] } ?? "", maxKeys: limits.maxParameters)) ?? Params()
        var form = Params()
        if request.method == .post {
            let body = try await request.body.collect(upTo: limits.maxBodyBytes)
            form = (try? BodyParser.parse(Array(body.readableBytesView), contentType: request.headers[.contentType], maxKeys: limits.maxParameters)) ?? Params()
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = name == "cookie" && headers[name] != nil ? headers[name]! + "; " + field.value : field.value
        }
        let answer = await dashboard.handle(
            DashboardRequest(
                isPost: request.method == .post, path: request.uri.path, query: query, form: form, headers: headers,
                isSecure: isSecure(headers, remote: context.remoteAddress), requestID: context.requestID,
                remoteAddress: context.remoteAddress))
        var response =
            if let kernelAnswer = answer.kernelAnswer {
                Response(kernelAnswer)
            } else {
                Response(status: HTTPResponse.Status(code: answer.status), body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
            }
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { response.headers.append(HTTPField(name: field, value: value)) }
        }
        return response
    }

    /// TLS seen by a trusted reverse proxy (this server itself speaks plain HTTP).
    private func isSecure(_ headers: [String: String], remote: String?) -> Bool {
        guard let remote, trustedProxies.contains(remote) else { return false }
        return headers["x-forwarded-proto"]?.lowercased() == "https"
    }
}
