// bench-baseline: a bare Hummingbird 2 server answering the same path and envelope as
// invoice-server's system/ping, with no kernel in between. bench/run.sh compares the two.
// No per-request logging; prints "listening on http://HOST:PORT" once ready.
import Foundation
import Hummingbird

func argument(_ name: String, default value: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
    return value
}

func serve(host: String, port: Int) async throws {
    let body = ByteBuffer(string: #"{"msg":"success","code":0,"data":{"pong":true}}"#)
    let headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
    let router = Router()
    router.get("/api/plugins/index") { _, _ in
        Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }
    router.post("/api/plugins/index") { _, _ in
        Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }
    let app = Application(
        router: router,
        configuration: .init(address: .hostname(host, port: port)),
        onServerRunning: { _ in
            print("listening on http://\(host):\(port)")
            fflush(nil)  // flushes all output streams; avoids touching the global `stdout` var
        }
    )
    try await app.runService()  // SIGTERM / SIGINT shut down gracefully
}

let host = argument("--host", default: "127.0.0.1")
guard let port = Int(argument("--port", default: "8081")) else {
    FileHandle.standardError.write(Data("usage: bench-baseline [--host HOST] [--port PORT]\n".utf8))
    exit(64)
}
try await serve(host: host, port: port)
