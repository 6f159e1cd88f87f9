import Foundation
import TestSupport

/// A real remote plugin: a small Python HTTP server written by the test into a temporary folder.
/// It checks the kernel's signature with the secret the test hands it after registration, logs
/// every request it receives (path, whether the signature held, the raw body), and answers:
/// - `/greet/hello`: an envelope echoing the caller and parameters it was sent;
/// - `/greet/refuse`: an envelope with code -1 and data;
/// - `/greet/slow`: after 3 seconds;
/// - `/greet/garbage`: text that is not an envelope;
/// - `/events`: an event delivery: the first one fails with HTTP 500, later ones are acknowledged;
/// - anything else: HTTP 404.
final class PythonRemotePlugin: @unchecked Sendable {
    let folder: String
    let process = Process()
    private(set) var port = 0

    static let script = #"""
        import hashlib, hmac, json, os, sys, time
        from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

        folder = sys.argv[1]

        def verified(header, body):
            try:
                with open(folder + "/secret") as f:
                    secret = f.read().strip()
            except OSError:
                return False
            fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
            if "t" not in fields or "v1" not in fields or abs(time.time() - int(fields["t"])) > 300:
                return False
            expected = hmac.new(secret.encode(), fields["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
            return hmac.compare_digest(expected, fields["v1"])

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                ok = verified(self.headers.get("X-Signature", ""), body)
                with open(folder + "/requests.log", "a") as log:
                    log.write(json.dumps({"path": self.path, "verified": ok, "body": body.decode()}) + "\n")
                if not ok:
                    return self.answer({"msg": "bad signature", "code": -1000, "data": ""})
                call = json.loads(body)
                if self.path == "/greet/hello":
                    self.answer({"msg": "hi", "code": 0, "data": {"hello": call["params"].get("name"), "caller": call["caller"], "lang": call["lang"]}})
                elif self.path == "/greet/refuse":
                    self.answer({"msg": "no points left", "code": -1, "data": {"left": 0}})
                elif self.path == "/greet/slow":
                    time.sleep(3)
                    self.answer({"msg": "late", "code": 0, "data": ""})
                elif self.path == "/events" and not os.path.exists(folder + "/failed_once"):
                    open(folder + "/failed_once", "w").close()
                    self.send_response(500)
                    self.end_headers()
                elif self.path == "/events":
                    self.answer({"msg": "received", "code": 0, "data": ""})
                elif self.path == "/greet/garbage":
                    self.send_response(200)
                    self.end_headers()
                    self.wfile.write(b"<html>not an envelope</html>")
                else:
                    self.send_response(404)
                    self.end_headers()

            def answer(self, envelope):
                data = json.dumps(envelope).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#

    /// Writes the script and starts it; returns once it printed its port.
    init() async throws {
        folder = TestServer.temporaryFolder()
        let scriptPath = folder + "/remote_plugin.py"
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: scriptPath))
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptPath, folder]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let handle = output.fileHandleForReading
        let line = try await onOwnThread { () -> String in
            var bytes: [UInt8] = []
            while let byte = try handle.read(upToCount: 1)?.first, byte != 10 { bytes.append(byte) }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard let port = Int(line) else {
            process.terminate()
            throw RawHTTP.Failure(description: "the Python plugin did not start: \(line)")
        }
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Hands the plugin the secret the kernel answered at registration.
    func useSecret(_ secret: String) throws {
        try Data(secret.utf8).write(to: URL(fileURLWithPath: folder + "/secret"))
    }

    /// Every request received so far: path, whether its signature held, and the raw body.
    func requests() -> [(path: String, verified: Bool, body: String)] {
        guard let text = try? String(contentsOfFile: folder + "/requests.log", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return (object["path"] as? String ?? "", object["verified"] as? Bool ?? false, object["body"] as? String ?? "")
        }
    }

    /// Kills the plugin (SIGKILL: a child of the test process may inherit SIGTERM ignored) and
    /// removes its folder.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
