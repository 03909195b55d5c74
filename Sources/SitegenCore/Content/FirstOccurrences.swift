/// Strings in the order each was first added, telling a repeat from a new one: a short list is
/// searched, which costs less than hashing for the few fields or partners a file names, and
/// only a long one (never in a real file) is looked up in a set as well.
struct FirstOccurrences {
    private(set) var values: [String] = []
    private var lookup: Set<String>?

    init(capacity: Int = 0) {
        values.reserveCapacity(capacity)
    }

    /// Each of `values` once, in the order first seen.
    init(_ values: [String]) {
        self.init(capacity: values.count)
        for value in values { _ = insert(value) }
    }

    /// Adds `value` unless it is there already; true when it was new.
    mutating func insert(_ value: String) -> Bool {
        if lookup == nil, values.count >= 16 { lookup = Set(values) }
        let isNew = lookup.map { !$0.contains(value) } ?? !values.contains(value)
        guard isNew else { return false }
        values.append(value)
        lookup?.insert(value)
        return true
    }
}
