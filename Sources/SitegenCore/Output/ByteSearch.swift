import CSystemShims

/// Finding bytes in bytes with glibc's `memmem`: a page of several megabytes is searched in a
/// millisecond or less, where a generic search compared element by element.
enum ByteSearch {
    /// The offset of the first copy of `needle` in `haystack` at or after `from`.
    static func first(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        needle.withUnsafeBytes { needle in
            let found = sitegen_find(haystack.baseAddress, UInt(haystack.count), UInt(from), needle.baseAddress, UInt(needle.count))
            return found < 0 ? nil : Int(found)
        }
    }

    static func first(_ needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Int? {
        haystack.withUnsafeBufferPointer { first(needle, in: $0, from: from) }
    }

    /// `all(needle, in:)` for a long needle that contains `marker` (an id): glibc searches for a
    /// needle of a kilobyte with its slower two-way method, so the few dozen bytes around the
    /// marker are searched for instead, and the whole needle compared where they are found.
    static func all(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, around marker: [UInt8]) -> [Int] {
        guard needle.count > 128, !marker.isEmpty, let at = first(marker, in: needle) else { return all(needle, in: haystack) }
        let window = max(0, at - 16)..<min(needle.count, at + marker.count + 48)
        var offsets: [Int] = []
        for found in all(Array(needle[window]), in: haystack) {
            let start = found - window.lowerBound
            guard start >= 0, start + needle.count <= haystack.count, offsets.last.map({ $0 + needle.count <= start }) ?? true,
                  needle.elementsEqual(UnsafeBufferPointer(rebasing: haystack[start..<start + needle.count])) else { continue }
            offsets.append(start)
        }
        return offsets
    }

    /// Every offset where a copy of `needle` starts in `haystack`, copies not overlapping.
    static func all(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> [Int] {
        var offsets: [Int] = []
        var from = 0
        while let found = first(needle, in: haystack, from: from) {
            offsets.append(found)
            from = found + needle.count
        }
        return offsets
    }
}
