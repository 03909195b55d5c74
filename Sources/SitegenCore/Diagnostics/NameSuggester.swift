/// Finds the closest known name to a misspelt one, for "did you mean" hints.
enum NameSuggester {
    static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(2, name.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(name, candidate)
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        guard let match = suggestion(for: name, among: candidates) else { return "" }
        return "; did you mean `\(match)`?"
    }

    /// "; the nearest is `x`": always names the closest candidate, however far, for closed lists
    /// (types, ids) where the reader needs to know what exists.
    static func nearestHint(for name: String, among candidates: some Sequence<String>) -> String {
        let close = hint(for: name, among: candidates)
        if !close.isEmpty { return close }
        let nearest = candidates.min { (editDistance(name, $0), $0) < (editDistance(name, $1), $1) }
        return nearest.map { "; the nearest is `\($0)`" } ?? ""
    }

    /// Levenshtein distance over Unicode scalars, two rows of memory.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
