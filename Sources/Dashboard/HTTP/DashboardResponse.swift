import Kernel

/// What the dashboard answers; the HTTP adapter writes it out as is, or, for a kernel answer
/// passed through (a PDF), writes that answer as the API would, with these headers added.
public struct DashboardResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// A kernel answer handed to the browser as it is (a file).
    public var kernelAnswer: KernelResponse?

    init(kernelAnswer: KernelResponse) {
        status = 200
        headers = []
        body = []
        self.kernelAnswer = kernelAnswer
    }

    init(status: Int = 200, contentType: String, body: [UInt8], headers: [(String, String)] = []) {
        self.status = status
        self.headers = [("Content-Type", contentType)] + headers
        self.body = body
    }

    /// A page.
    static func page(_ html: HTML, status: Int = 200) -> DashboardResponse {
        DashboardResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(("<!DOCTYPE html>\n" + html.rendered).utf8))
    }

    /// A redirect after a POST (303) or to another page (302 would do; 303 says "GET it").
    static func redirect(_ location: String) -> DashboardResponse {
        DashboardResponse(status: 303, contentType: "text/plain; charset=utf-8", body: [], headers: [("Location", location)])
    }

    /// Adds a header.
    func with(_ name: String, _ value: String) -> DashboardResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}
