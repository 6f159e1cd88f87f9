/// The known name closest to a mistyped one (by edit distance), for "did you mean" hints.
enum NearestName {
    /// The nearest of `names` to `typed`, when it is within a third of the name's length (at
    /// least two edits); nil when nothing is that close.
    static func find(_ typed: String, among names: [String]) -> String? {
        let scored = names.map { ($0, distance(Array(typed.lowercased()), Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, typed.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance: the fewest insertions, deletions and substitutions from `a` to `b`.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, right) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
