import Foundation

/// A file an edit in place rewrites (`BodyEditBuild`, `FrontMatterEditBuild`): its new contents as
/// pieces written one after another — bytes made for it, or spans of the old file, mapped — and
/// each replaced span of the old file with the span that replaced it. A list entry replaced in
/// the timeline is written around, not copied into a new buffer: megabytes of fresh memory cost
/// more on this machine than writing them.
struct ChangedFile: Sendable {
    enum Piece: Sendable {
        case made([UInt8])
        case kept(CacheBytes, Range<Int>)

        func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            switch self {
            case .made(let bytes): bytes.withUnsafeBufferPointer(body)
            case .kept(let file, let range): withExtendedLifetime(file) { body(UnsafeBufferPointer(rebasing: file.buffer[range])) }
            }
        }

        var count: Int {
            switch self {
            case .made(let bytes): bytes.count
            case .kept(_, let range): range.count
            }
        }
    }

    /// Relative to the output folder.
    let path: String
    let pieces: [Piece]
    let replaced: [(old: Range<Int>, new: Range<Int>)]
    let size: Int

    init(path: String, bytes: [UInt8], replaced: [(old: Range<Int>, new: Range<Int>)]) {
        self.path = path
        pieces = [.made(bytes)]
        self.replaced = replaced
        size = bytes.count
    }

    /// `old` with the bytes at `range` replaced by `replacement`.
    init(path: String, splicing old: CacheBytes, at range: Range<Int>, with replacement: [UInt8]) {
        self.init(path: path, splicing: old, cuts: [(range, replacement)])
    }

    /// `old` with the bytes at each range (in order, not overlapping) replaced by its bytes.
    init(path: String, splicing old: CacheBytes, cuts: [(range: Range<Int>, replacement: [UInt8])]) {
        self.path = path
        var pieces: [Piece] = [], replaced: [(old: Range<Int>, new: Range<Int>)] = []
        var copied = 0, size = 0
        for (range, replacement) in cuts {
            pieces.append(.kept(old, copied..<range.lowerBound))
            size += range.lowerBound - copied
            pieces.append(.made(replacement))
            replaced.append((range, size..<size + replacement.count))
            size += replacement.count
            copied = range.upperBound
        }
        pieces.append(.kept(old, copied..<old.buffer.count))
        self.pieces = pieces
        self.replaced = replaced
        self.size = size + old.buffer.count - copied
    }

    /// The new contents at `range`, in one buffer.
    func withBytes<Result>(in range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var start = 0
        for piece in pieces {
            let span = start..<start + piece.count
            if span.contains(range.lowerBound) || (range.isEmpty && span.upperBound == range.lowerBound), range.upperBound <= span.upperBound {
                return piece.withBytes { body(UnsafeBufferPointer(rebasing: $0[range.lowerBound - start..<range.upperBound - start])) }
            }
            start = span.upperBound
        }
        // Across pieces: gathered.
        var gathered: [UInt8] = []
        start = 0
        for piece in pieces {
            let span = start..<start + piece.count
            let overlap = span.clamped(to: range)
            if !overlap.isEmpty { piece.withBytes { gathered += $0[overlap.lowerBound - start..<overlap.upperBound - start] } }
            start = span.upperBound
        }
        return gathered.withUnsafeBufferPointer(body)
    }

    func write(to descriptor: Int32) -> Bool {
        pieces.allSatisfy { piece in piece.withBytes { FileBytes.writeAll(descriptor, UnsafeRawBufferPointer($0)) } }
    }
}
