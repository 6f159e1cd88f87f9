/// Reads SMTP replies (RFC 5321, 4.2) out of the bytes a mail server sends, however they arrive:
/// `250-first line` ... `250 last line`, each line ending in CRLF (a bare LF is taken too). Kept
/// apart from the socket so the same code reads a reply whole or byte by byte, and can be fuzzed.
struct SMTPReplyReader {
    /// One complete reply: its code and its lines as sent (code included, line ends removed).
    struct Reply: Equatable {
        let code: Int
        let lines: [String]
    }

    /// Why the server's bytes are not a reply.
    struct Malformed: Error, Equatable {
        let detail: String
    }

    /// Most bytes one reply may take, all its lines together: a server that keeps sending
    /// continuation lines is cut off here instead of filling memory.
    let maxReplyBytes: Int
    private var buffer: [UInt8] = []
    /// Where the reply being read starts in `buffer`.
    private var start = 0

    init(maxReplyBytes: Int = 65_536) {
        self.maxReplyBytes = maxReplyBytes
    }

    /// Takes bytes as they arrived from the server.
    mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 {
            buffer.removeSubrange(..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete reply, or nil until more bytes arrive. A malformed line, or a reply
    /// longer than `maxReplyBytes`, throws; the reader is then of no further use.
    mutating func next() throws(Malformed) -> Reply? {
        var lines: [String] = []
        var lineStart = start
        while let newline = buffer[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            guard newline - start < maxReplyBytes else { throw Malformed(detail: "reply longer than \(maxReplyBytes) bytes") }
            var line = buffer[lineStart..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard let code = Self.code(of: line) else {
                throw Malformed(detail: "malformed reply: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            lines.append(String(decoding: line, as: UTF8.self))
            lineStart = newline + 1
            if line.count == 3 || line[line.startIndex + 3] == UInt8(ascii: " ") {
                start = lineStart
                return Reply(code: code, lines: lines)
            }
        }
        guard buffer.count - start < maxReplyBytes else { throw Malformed(detail: "reply longer than \(maxReplyBytes) bytes") }
        return nil
    }

    /// Whether bytes beyond the last complete reply are waiting (a server must send nothing
    /// after its answer to STARTTLS before the handshake).
    var hasPendingBytes: Bool { buffer.count > start }

    /// The reply code of a line: `[2-5][0-5][0-9]`, then nothing, a space or a hyphen.
    private static func code(of line: ArraySlice<UInt8>) -> Int? {
        guard line.count >= 3 else { return nil }
        let digits = line.prefix(3).map { Int($0) - 48 }
        guard (2...5).contains(digits[0]), (0...5).contains(digits[1]), (0...9).contains(digits[2]) else { return nil }
        if line.count > 3 {
            let separator = line[line.startIndex + 3]
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else { return nil }
        }
        return digits[0] * 100 + digits[1] * 10 + digits[2]
    }
}
