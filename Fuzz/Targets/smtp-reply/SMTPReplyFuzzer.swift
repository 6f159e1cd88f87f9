import FuzzCheck
@testable import Outbox

/// The SMTP reply reader (`SMTPReplyReader`), fed any bytes a mail server could send, whole or
/// cut into pieces where the input says, with a reply limit the input chooses.
///
/// Properties: the replies do not depend on how the bytes arrive; a reply's code is three digits
/// `[2-5][0-5][0-9]` that every line starts with, the lines before the last continue with `-`
/// and the last does not; replies take the server's lines in order, none skipped or invented; no
/// reply is longer than the limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSMTPReply(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let limit = input.int(in: 4...600)
    let cuts = (0..<input.int(in: 0...6)).map { _ in input.int(in: 0...4_096) }
    let stream = input.rest()

    var whole = SMTPReplyReader(maxReplyBytes: limit)
    whole.append(stream)
    let (replies, failure) = drain(&whole)

    var pieces = SMTPReplyReader(maxReplyBytes: limit)
    var piecewise: [SMTPReplyReader.Reply] = []
    var piecewiseFailure: SMTPReplyReader.Malformed?
    var start = 0
    for end in (cuts.map { min($0, stream.count) } + [stream.count]).sorted() where piecewiseFailure == nil {
        pieces.append(stream[start..<max(start, end)])
        start = max(start, end)
        let (more, stopped) = drain(&pieces)
        piecewise += more
        piecewiseFailure = stopped
    }
    require(piecewise == replies && (piecewiseFailure == nil) == (failure == nil), "replies do not depend on how the bytes arrive")

    let rawLines = stream.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
    let serverLines = rawLines.map { line in String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self) }
    require(serverLines.starts(with: replies.flatMap(\.lines)), "replies take the server's lines in order")
    var firstLine = rawLines.startIndex
    for reply in replies {
        let taken = rawLines[firstLine..<firstLine + reply.lines.count]
        require(taken.reduce(0) { $0 + $1.count + 1 } <= limit, "a reply stays within the limit")
        firstLine += reply.lines.count
    }
    for reply in replies {
        require((200...599).contains(reply.code), "a reply code is 200 to 599")
        for (index, line) in reply.lines.enumerated() {
            let bytes = Array(line.utf8)
            require(bytes.count >= 3 && bytes.prefix(3).allSatisfy { (48...57).contains($0) }, "every line starts with a code")
            let isLast = index == reply.lines.count - 1
            require(isLast ? (bytes.count == 3 || bytes[3] == UInt8(ascii: " ")) : bytes.count > 3 && bytes[3] == UInt8(ascii: "-"), "only the last line ends the reply")
            if isLast { require(Int(String(decoding: bytes.prefix(3), as: UTF8.self)) == reply.code, "the code is the last line's") }
        }
    }
    return 0
}

private func drain(_ reader: inout SMTPReplyReader) -> ([SMTPReplyReader.Reply], SMTPReplyReader.Malformed?) {
    var replies: [SMTPReplyReader.Reply] = []
    do {
        while let reply = try reader.next() { replies.append(reply) }
        return (replies, nil)
    } catch {
        return (replies, error)
    }
}
