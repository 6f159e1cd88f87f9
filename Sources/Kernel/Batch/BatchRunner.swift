import PluginSDK
import Storage

/// Answers a batch request (`/api/plugins/batch`): each call goes through the dispatcher exactly
/// as if sent alone - its own routing, authorisation, parameter checks and error mapping - and the
/// answer is one envelope whose `data` lists the calls' envelopes in order.
///
/// A plain batch runs its calls one after another and keeps what each did. An atomic one
/// (`"atomic": true`) first checks that every call names a transaction-safe action, then runs them
/// all in one storage transaction (`TransactionSharing`): the first call answering a non-zero code
/// rolls everything back, and the batch answers that code, naming the call.
struct BatchRunner: Sendable {
    let dispatcher: Dispatcher
    let transactions: any TransactionSharing

    /// Headers each call gets from the batch request: the caller's credentials. Others (an
    /// `Idempotency-Key`) would make every call the same request; calls carry `request_id` instead.
    private static let sharedHeaders = ["authorization", "x-api-key"]

    func handle(_ request: KernelRequest) async -> KernelResponse {
        let access = dispatcher.access
        let language = access.language(for: request.params)
        do {
            guard request.method == .post else {
                throw KernelError(code: .badParameter, message: KernelMessages.methodNotAllowed, problem: .methodNotAllowed)
            }
            let batch = try BatchRequest(request.params, maxCalls: access.configuration.batchMaxCalls)
            let calls = batch.calls.enumerated().map { index, call in Self.request(for: call, index: index, in: request) }
            if batch.atomic { return try await runAtomically(batch, calls, language: language, requestID: request.requestID) }
            var answers: [KernelResponse] = []
            for call in calls { answers.append(await dispatcher.handle(call, inBatch: true)) }
            return Self.answer(answers, language: language)
        } catch {
            return ErrorMapping.response(for: error, language: language, requestID: request.requestID, logger: access.logger)
        }
    }

    /// Checks every call before anything runs, then runs them in one transaction.
    private func runAtomically(
        _ batch: BatchRequest, _ calls: [KernelRequest], language: Language, requestID: String
    ) async throws -> KernelResponse {
        let logger = dispatcher.access.logger
        for (index, call) in batch.calls.enumerated() {
            do {
                let (route, _) = try await dispatcher.resolve(plugin: call.plugin, control: call.control, action: call.action)
                if route.fileType != nil { throw KernelError(code: .badParameter, message: BatchMessages.fileInBatch) }
                if !route.transactionSafe { throw KernelError(code: .badParameter, message: BatchMessages.notTransactionSafe(call.route)) }
            } catch {
                let refused = ErrorMapping.response(for: error, language: language, requestID: calls[index].requestID, logger: logger)
                return Self.failure(at: index, refused, language: language)
            }
        }
        let seconds = dispatcher.access.configuration.batchAtomicSeconds
        do {
            let answers = try await transactions.inOneTransaction(timeLimit: .seconds(seconds)) {
                var answers: [KernelResponse] = []
                for (index, call) in calls.enumerated() {
                    let answer = await dispatcher.handle(call, inBatch: true)
                    guard answer.code == .success else { throw FailedCall(index: index, answer: answer) }
                    answers.append(answer)
                }
                return answers
            }
            return Self.answer(answers, language: language)
        } catch let failed as FailedCall {
            return Self.failure(at: failed.index, failed.answer, language: language)
        }
    }

    /// The request a call makes: the batch's surface, credentials and client, the call's params.
    private static func request(for call: BatchRequest.Call, index: Int, in batch: KernelRequest) -> KernelRequest {
        var headers: [String: String] = [:]
        for name in sharedHeaders { if let value = batch.headers[name] { headers[name] = value } }
        return KernelRequest(
            surface: batch.surface, method: .post, params: call.params, headers: headers, requestID: "\(batch.requestID)/\(index)",
            remoteAddress: batch.remoteAddress)
    }

    /// Code 0, `data` the calls' envelopes in order.
    private static func answer(_ answers: [KernelResponse], language: Language) -> KernelResponse {
        var response = KernelResponse.envelope(
            Envelope(msg: KernelMessages.success(language), code: .success, data: .array(answers.map(json))))
        response.storageJobs = answers.reduce(into: (0, 0)) { total, answer in
            total.reads += answer.storageJobs.reads
            total.writes += answer.storageJobs.writes
        }
        return response
    }

    /// An atomic batch that kept nothing: the failing call's code, and `data` naming the call and
    /// holding its envelope.
    private static func failure(at index: Int, _ answer: KernelResponse, language: Language) -> KernelResponse {
        let envelope = answer.envelope ?? Envelope(msg: "", code: answer.code, data: "")
        return .envelope(
            Envelope(
                msg: BatchMessages.atomicFailed(index, envelope.msg)(language), code: envelope.code,
                data: ["failed": .int(Int64(index)), "answer": json(answer)]))
    }

    private static func json(_ answer: KernelResponse) -> JSON {
        guard let envelope = answer.envelope else { return .null }
        return ["msg": .string(envelope.msg), "code": .int(Int64(envelope.code.rawValue)), "data": envelope.data]
    }
}

/// The call that made an atomic batch roll back.
private struct FailedCall: Error {
    let index: Int
    let answer: KernelResponse
}
