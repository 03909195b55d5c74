extension String {
    /// `body` given the string's UTF-8 where it lies (every native string, small ones copied to
    /// the stack), or in a copy otherwise: calling `withUTF8` on a copy retains and releases the
    /// storage, a million times in a build of 10,000 activities.
    @inline(__always)
    func withUTF8InPlace<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
