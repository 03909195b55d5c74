extension Array where Element == UInt64 {
    /// The hashes in ascending order, by a radix sort of their bytes: the inputs walk's twenty
    /// thousand entry hashes were sorted by comparison three times in an edit in place.
    func sortedHashes() -> [UInt64] {
        guard count > 64 else { return sorted() }
        var source = self
        var target = [UInt64](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: UInt64(0), to: 64, by: 8) {
            for index in counts.indices { counts[index] = 0 }
            for value in source { counts[Int((value >> shift) & 0xFF)] += 1 }
            // Every value has the same byte here: this pass would move nothing.
            if counts.contains(source.count) { continue }
            var position = 0
            for index in counts.indices {
                let bucket = counts[index]
                counts[index] = position
                position += bucket
            }
            for value in source {
                let bucket = Int((value >> shift) & 0xFF)
                target[counts[bucket]] = value
                counts[bucket] += 1
            }
            swap(&source, &target)
        }
        return source
    }
}
