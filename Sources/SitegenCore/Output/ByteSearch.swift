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
