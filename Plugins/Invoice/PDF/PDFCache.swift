import Synchronization

/// Rendered PDFs by what they print, least recently used dropped first once they pass a byte
/// budget. Two equal `PrintedInvoice` values print the same bytes, so a hit needs no rendering,
/// and any change to the invoice (or its application, settings or language) is a miss.
final class PDFCache: Sendable {
    private struct Entry {
        let bytes: [UInt8]
        var lastUse: UInt64
    }

    private struct State {
        var entries: [PrintedInvoice: Entry] = [:]
        var size = 0
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())

    /// The PDF of `invoice` if it is cached.
    func bytes(for invoice: PrintedInvoice) -> [UInt8]? {
        state.withLock { state in
            guard var entry = state.entries[invoice] else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[invoice] = entry
            return entry.bytes
        }
    }

    /// Keeps `bytes` for `invoice` within `budget` bytes in all (0 keeps nothing).
    func store(_ bytes: [UInt8], for invoice: PrintedInvoice, budget: Int) {
        guard bytes.count <= budget / 4 else { return }
        state.withLock { state in
            state.clock += 1
            if let old = state.entries.updateValue(Entry(bytes: bytes, lastUse: state.clock), forKey: invoice) {
                state.size -= old.bytes.count
            }
            state.size += bytes.count
            guard state.size > budget else { return }
            // Evict down to three quarters of the budget at once, so eviction is rare.
            for (key, entry) in state.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
                guard state.size > budget * 3 / 4 else { break }
                state.entries[key] = nil
                state.size -= entry.bytes.count
            }
        }
    }

    /// Bytes held now.
    var size: Int { state.withLock { $0.size } }
}
