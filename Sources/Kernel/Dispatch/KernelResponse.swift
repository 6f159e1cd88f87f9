import PluginSDK

/// `plugin/control/action` of a call.
public struct RouteName: Sendable, Equatable {
    public let plugin: String
    public let control: String
    public let action: String
}

/// What the kernel answers: an envelope or a file. The HTTP adapter picks the status (200, or
/// the one `problem` calls for) and the headers; the kernel knows nothing of HTTP.
public struct KernelResponse: Sendable {
    /// The answer itself.
    public enum Body: Sendable {
        case envelope(Envelope)
        case file(Reply.File)
    }

    public var body: Body
    /// For envelopes answering a failure of the request itself (too large, wrong method...).
    public var problem: TransportProblem?
    /// The route the call named, once its names were valid (for logs and metrics).
    public var route: RouteName?
    /// Storage jobs the call made: reads and writes.
    public var storageJobs: (reads: Int, writes: Int) = (0, 0)

    public init(body: Body, problem: TransportProblem? = nil) {
        self.body = body
        self.problem = problem
    }

    /// An envelope answer.
    public static func envelope(_ envelope: Envelope, problem: TransportProblem? = nil) -> KernelResponse {
        KernelResponse(body: .envelope(envelope), problem: problem)
    }

    /// The envelope code (0 for files), for logs and metrics.
    public var code: ResultCode {
        switch body {
        case .envelope(let envelope): envelope.code
        case .file: .success
        }
    }

    /// The envelope, when the answer is one.
    public var envelope: Envelope? {
        guard case .envelope(let envelope) = body else { return nil }
        return envelope
    }
}
