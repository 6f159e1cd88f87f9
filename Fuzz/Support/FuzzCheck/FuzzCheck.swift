import CLibFuzzer
import Foundation

/// What every harness shares: a property check that stops the fuzzer with a message (libFuzzer
/// keeps the input that broke it), and a reader that turns the fuzzer's bytes into choices.

/// Stops the run when a property does not hold; libFuzzer saves the input as a crash.
public func require(_ holds: Bool, _ property: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    guard !holds else { return }
    fatalError("property violated: \(property())", file: file, line: line)
}

/// The fuzzer's input read as a sequence of choices. Reading past the end yields zeros and
/// empty values, so every input is a valid sequence of choices.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var index = 0

    public init(_ data: UnsafePointer<UInt8>?, _ count: Int) {
        bytes = FuzzCheck.bytes(data, count)
    }

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// True when every byte was read.
    public var isAtEnd: Bool { index >= bytes.count }

    /// The next byte, or 0 at the end.
    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// A number in `range`, from as many bytes as it takes.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let largest = UInt64(range.upperBound - range.lowerBound)
        var value: UInt64 = 0
        var remaining = largest
        while remaining > 0 {
            value = value << 8 | UInt64(byte())
            remaining >>= 8
        }
        return range.lowerBound + Int(value % (largest + 1))
    }

    /// True or false.
    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// Up to `limit` bytes: a length byte, then that many bytes.
    public mutating func bytes(upTo limit: Int = 255) -> [UInt8] {
        let count = min(Int(byte()), limit, bytes.count - min(index, bytes.count))
        defer { index += count }
        return Array(bytes[index..<index + count])
    }

    /// Up to `limit` bytes read as UTF-8 (invalid sequences become U+FFFD).
    public mutating func string(upTo limit: Int = 255) -> String {
        String(decoding: bytes(upTo: limit), as: UTF8.self)
    }

    /// Everything not read yet.
    public mutating func rest() -> [UInt8] {
        guard index < bytes.count else { return [] }
        defer { index = bytes.count }
        return Array(bytes[index...])
    }
}

/// The fuzzer's bytes as an array.
public func bytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let data, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: count))
}

/// Runs libFuzzer over `test` with this program's command line, then exits with its status.
/// SwiftPM gives every executable a `main` of its own, so libFuzzer's is not used.
public func runLibFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}
