import Crypto
import Foundation
import FuzzCheck
@testable import PluginSDK

/// The `t=..,v1=..` signature header (`SignedPayload.verify`): Stripe's `Stripe-Signature`, the
/// PayPal relay's and the remote plugins' `X-Signature`. The harness signs a payload, then edits
/// the header as the input says (or takes the input as the header).
///
/// Properties: a header `sign` made verifies within the tolerance and not outside it, for any
/// time; and `verify` accepts exactly the headers a strict reading accepts: one `t` of decimal
/// digits within 300 s of now, and a `v1` of 64 hex digits that is the HMAC-SHA256 of the `t`
/// text as sent, a dot and the payload.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignature(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let secret = input.string(upTo: 40)
    let payload = input.bytes(upTo: 200)
    let timestamp = input.bool() ? Int64(input.int(in: 0...4_000_000_000)) : Int64(bitPattern: UInt64(input.int(in: 0...Int.max)) &* 0x9E37_79B9_7F4A_7C15)
    let skew = Int64(input.int(in: -400...400))
    let now = timestamp.addingReportingOverflow(skew).overflow ? timestamp : timestamp + skew

    let signed = SignedPayload.sign(payload: payload, secret: secret, timestamp: timestamp)
    if !secret.isEmpty {
        require(
            SignedPayload.verify(header: signed, payload: payload, secret: secret, now: now) == (timestamp >= 0 && abs(now - timestamp) <= 300),
            "a header sign made verifies exactly within the tolerance")
    }

    let header: String
    if input.bool() {
        header = String(decoding: input.rest(), as: UTF8.self)
    } else {
        var bytes = Array(signed.utf8)
        for _ in 0..<input.int(in: 1...4) { edit(&bytes, &input) }
        header = String(decoding: bytes, as: UTF8.self)
    }
    let verified = SignedPayload.verify(header: header, payload: payload, secret: secret, now: now)
    require(verified == strictlyValid(header, payload: payload, secret: secret, now: now), "verify agrees with a strict reading of '\(header)'")
    return 0
}

/// One edit of the header: a byte changed, inserted or removed, an element repeated or added.
private func edit(_ bytes: inout [UInt8], _ input: inout FuzzInput) {
    let position = input.int(in: 0...bytes.count)
    switch input.int(in: 0...5) {
    case 0 where position < bytes.count: bytes[position] = input.byte()
    case 1: bytes.insert(input.byte(), at: position)
    case 2 where position < bytes.count: bytes.remove(at: position)
    case 3:
        let elements = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        let element = elements[input.int(in: 0...elements.count - 1)]
        bytes += [UInt8(ascii: ",")] + element
    case 4: bytes.insert(contentsOf: Array(["t=", "v1=", "v0=", ",", " ", "+", "-", "0"][input.int(in: 0...7)].utf8), at: position)
    default: bytes.replaceSubrange(position..<min(bytes.count, position + input.int(in: 0...8)), with: input.bytes(upTo: 8))
    }
}

/// The scheme read strictly: `key=value` elements split at commas (spaces around them ignored),
/// exactly one `t` of decimal digits within 300 s of `now`, and a `v1` equal to the hex
/// HMAC-SHA256 (either case) of the `t` text as sent, a dot and the payload.
private func strictlyValid(_ header: String, payload: [UInt8], secret: String, now: Int64) -> Bool {
    guard !secret.isEmpty else { return false }
    var times: [String] = []
    var signatures: [String] = []
    var element: [UInt8] = []
    for byte in Array(header.utf8) + [UInt8(ascii: ",")] {
        guard byte == UInt8(ascii: ",") else {
            element.append(byte)
            continue
        }
        let text = String(decoding: element, as: UTF8.self)
        element = []
        guard let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else { continue }
        let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        switch text[..<equals].trimmingCharacters(in: .whitespaces) {
        case "t": times.append(value)
        case "v1": signatures.append(value.lowercased())
        default: break
        }
    }
    guard times.count == 1, let time = times.first, time.utf8.allSatisfy({ (48...57).contains($0) }), let seconds = Int64(time) else {
        return false
    }
    let (difference, overflow) = now.subtractingReportingOverflow(seconds)
    guard !overflow, difference.magnitude <= 300 else { return false }
    let mac = HMAC<SHA256>.authenticationCode(for: Array("\(time).".utf8) + payload, using: SymmetricKey(data: Array(secret.utf8)))
    let expected = mac.map { String(format: "%02x", $0) }.joined()
    return signatures.contains(expected)
}
