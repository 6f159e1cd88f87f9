import Kernel
import PluginSDK

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
        switch response.body {
        case .envelope(let envelope):
            code = Int64(envelope.code.rawValue)
            message = envelope.msg
            data = envelope.data
            file = nil
        case .file:
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
    /// A file answer (a PDF) as the browser gets it; the HTTP adapter writes its headers.
    var fileResponse: DashboardResponse? {
        file.map(DashboardResponse.init(kernelAnswer:))
    }
}
