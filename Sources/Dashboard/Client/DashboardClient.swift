import Kernel

/// The dashboard's one way into the kernel: every page calls plugin actions through
/// `Kernel.handle(KernelRequest)` with the session's token, exactly as an API client would, and
/// reads the envelope. Rules, permissions and messages therefore stay the API's own.
struct DashboardClient: Sendable {
    let kernel: Kernel

    /// Calls `plugin/control/action` with `params` (form values as text, as a form client sends
    /// them) for `session`, answering in `language`.
    func call(
        _ plugin: String, _ control: String, _ action: String, _ params: JSONObject = [:], session: Session?, language: Language,
        request: DashboardRequest
    ) async -> Answer {
        var values = params
        values["pluginsname"] = .string(plugin)
        values["pluginscontrol"] = .string(control)
        values["pluginsaction"] = .string(action)
        values["lang"] = .string(language.rawValue)
        var headers: [String: String] = [:]
        if let session { headers["authorization"] = "Bearer \(session.token)" }
        let call = KernelRequest(
            surface: session?.kind == .admin ? .admin : .api, method: .post, params: Params(values), headers: headers,
            requestID: request.requestID, remoteAddress: request.remoteAddress)
        return Answer(await kernel.handle(call))
    }
}

/// What the kernel answered: an envelope, or a file (PDFs).
struct Answer: Sendable {
    let code: Int64
    let message: String
    let data: JSON
    /// The response itself when it is a file, not an envelope.
    let file: KernelResponse?

    init(_ response: KernelResponse) {
        if response.contentType == KernelResponse.jsonContentType, let envelope = try? JSON.parse(response.body) {
            code = envelope["code"]?.intValue ?? -1
            message = envelope["msg"]?.stringValue ?? ""
            data = envelope["data"] ?? .null
            file = nil
        } else {
            code = 0
            message = ""
            data = .null
            file = response
        }
    }

    /// Success (code 0).
    var ok: Bool { code == 0 }
    /// The caller's token is not (or no longer) valid: the page sends the browser to log in.
    var needsLogin: Bool { code == -400 }
}

extension Answer {
    /// A file answer (a PDF) as the browser gets it, with its Content-Disposition.
    var fileResponse: DashboardResponse? {
        guard let file else { return nil }
        return DashboardResponse(status: file.status, contentType: file.contentType, body: file.body, headers: file.headers)
    }
}
