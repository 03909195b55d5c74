extension DocumentIndex {
    /// Every slot in a rewritten file moved by what was replaced before it; a replaced slot takes the new range.
    mutating func moveSlots(in files: [ChangedFile]) {
        let changed = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
        for recordIndex in records.indices {
            guard let slots = records[recordIndex].slots, slots.contains(where: { changed[$0.file] != nil }) else { continue }
            let moved: [DocumentIndex.Slot] = slots.map { slot in
                guard let file = changed[slot.file] else { return slot }
                var moved = slot
                moved.fileSize = file.size
                if let replacement = file.replaced.first(where: { $0.old == slot.range }) {
                    moved.range = replacement.new
                    moved.digest = file.withBytes(in: replacement.new) { DocumentIndex.digest($0) }
                } else {
                    let shift = file.replaced.filter { $0.old.upperBound <= slot.range.lowerBound }.reduce(0) { $0 + $1.new.count - $1.old.count }
                    moved.range = slot.range.lowerBound + shift..<slot.range.upperBound + shift
                }
                return moved
            }
            updateRecord(recordIndex) { $0.slots = moved }
        }
    }
}
