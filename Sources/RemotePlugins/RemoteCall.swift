import Foundation
import Kernel
import OutboundHTTP
import PluginSDK
import Logging

/// One call forwarded to a remote plugin: `POST {base}/{control}/{action}` with a JSON body
/// holding the parameters and the caller's identity (never the token), signed like a Stripe
/// webhook in `X-Signature` (`t=<unix time>,v1=<HMAC-SHA256 of "<t>.<body>">`). The answer must
/// be an envelope; it is relayed as it is. No answer within the manifest's timeout, a transport
/// failure, or anything but an envelope answers -9999.
struct RemoteCall: Sendable {
    let registration: RemoteRegistration

    /// The header carrying the signature.
    static let signatureHeader = "X-Signature"
    /// Parameters never forwarded: routing names and credentials.
    static let withheld: Set<String> = ["pluginsname", "pluginscontrol", "pluginsaction", "s", "token"]

    func forward(_ context: ActionContext) async throws -> Reply {
        let name = registration.manifest.name
        let body = Self.body(context).serialized()
        let now = context.services.clock.unixSeconds()
        let url = "\(registration.baseURL)/\(context.control)/\(context.action)"
        let headers = [
            ("Content-Type", "application/json"),
            (Self.signatureHeader, SignedPayload.sign(payload: body, secret: registration.secret, timestamp: now)),
            ("X-Request-Id", context.requestID),
            ("User-Agent", "invoice-server/\(Kernel.version)"),
        ]
        let answer: OutboundHTTP.Answer
        do {
            answer = try await OutboundHTTP(maxBody: 4 << 20).post(
                url: url, headers: headers, body: body, timeout: .seconds(registration.manifest.timeoutSeconds))
        } catch {
            context.services.logger.warning(
                "remote plugin unreachable", metadata: ["plugin": "\(name)", "request_id": "\(context.requestID)", "error": "\(error)"])
            throw RemoteMessages.failed(name)
        }
        guard answer.status == 200, let envelope = Self.envelope(answer.body) else {
            context.services.logger.warning(
                "remote plugin answered without an envelope",
                metadata: ["plugin": "\(name)", "request_id": "\(context.requestID)", "status": "\(answer.status)"])
            throw RemoteMessages.failed(name)
        }
        guard envelope.code == .success else {
            throw KernelError(code: envelope.code, message: LocalizedText(verbatim: envelope.msg), data: envelope.data)
        }
        return .ok(envelope.data, message: LocalizedText(verbatim: envelope.msg))
    }

    /// What the remote plugin receives: who calls, in which language, and the parameters.
    static func body(_ context: ActionContext) -> JSON {
        var params = context.params.values
        for key in withheld { params[key] = nil }
        return [
            "plugin": .string(context.plugin), "control": .string(context.control), "action": .string(context.action),
            "request_id": .string(context.requestID), "lang": .string(context.language.rawValue),
            "surface": .string(context.request.surface.rawValue),
            "caller": caller(context.caller),
            "params": .object(params),
        ]
    }

    /// The caller's identity as the kernel established it.
    static func caller(_ caller: Caller) -> JSON {
        switch caller {
        case .anonymous:
            return ["kind": "anonymous"]
        case .user(let user):
            return ["kind": "user", "user_id": .int(user.id), "store_id": .int(user.storeID)]
        case .admin(let admin):
            return ["kind": "admin", "admin_id": .int(admin.id)]
        case .apiKey(let key):
            return ["kind": "apikey", "api_key_id": .int(key.id), "store_id": .int(key.storeID)]
        }
    }

    /// `{"msg": String, "code": Int, "data": ...}` and nothing less; nil otherwise.
    static func envelope(_ body: [UInt8]) -> Envelope? {
        guard let json = try? JSON.parse(body), let object = json.objectValue,
            case .string(let msg)? = object["msg"], case .int(let code)? = object["code"], let data = object["data"]
        else { return nil }
        guard let small = Int(exactly: code) else { return nil }
        return Envelope(msg: String(msg.prefix(1_000)), code: ResultCode(rawValue: small), data: data)
    }
}
