import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file read no further than a size limit: its size is checked with `fstat` on the opened
/// file before anything is read, and at most `limit + 1` bytes are read, so a huge or sparse file
/// costs no memory and no time, and one that grows while it is read is caught as well.
struct BoundedFile {
    /// The file's bytes; only when `isOverLimit`, at most the first `limit + 1` of them.
    let bytes: [UInt8]
    /// The file as it was opened.
    let status: stat
    /// The size `fstat` gave, or what was read if the file grew meanwhile.
    let size: Int
    let limit: Int

    var isOverLimit: Bool { size > limit }

    enum Failure: Error {
        /// `open`, `fstat` or `read` failed with this `errno`.
        case unreadable(Int32)
        /// A folder, a device, a pipe: reading one could block or never end.
        case notRegularFile
    }

    /// Reads `path` (looked up in `folder` when that is an open folder). A file over the limit
    /// by its status is not read at all unless `readsPrefixWhenOver`: then its first `limit + 1`
    /// bytes are, for a caller that tells a file over the limit by their count.
    static func read(_ path: String, in folder: Int32 = AT_FDCWD, limit: Int,
                     readsPrefixWhenOver: Bool = false) -> Result<BoundedFile, Failure> {
        let descriptor: Int32, info: stat
        switch openRegularFile(path, in: folder) {
        case .success(let opened): (descriptor, info) = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { close(descriptor) }
        let statusSize = Int(info.st_size)
        if statusSize > limit && !readsPrefixWhenOver {
            return .success(BoundedFile(bytes: [], status: info, size: statusSize, limit: limit))
        }
        guard let bytes = readUpTo(limit + 1, from: descriptor, expected: statusSize) else { return .failure(.unreadable(errno)) }
        return .success(BoundedFile(bytes: bytes, status: info, size: max(statusSize, bytes.count), limit: limit))
    }

    /// Status of the file at `path` as it opens, without reading it: for a file copied later,
    /// whose size must be known to be within its limit first.
    static func status(_ path: String, in folder: Int32 = AT_FDCWD) -> Result<stat, Failure> {
        openRegularFile(path, in: folder).map { descriptor, info in
            close(descriptor)
            return info
        }
    }

    /// Opens `path` if it is a regular file: its descriptor, which the caller closes, and status.
    private static func openRegularFile(_ path: String, in folder: Int32) -> Result<(Int32, stat), Failure> {
        // Non-blocking: opening a named pipe for reading would otherwise wait for a writer.
        let descriptor = openat(folder, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(.unreadable(errno)) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let failure = Failure.unreadable(errno)
            close(descriptor)
            return .failure(failure)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return .failure(.notRegularFile)
        }
        return .success((descriptor, info))
    }

    /// Up to `maximum` bytes, until the end of the file. The buffer is sized once from `expected`
    /// (the status's size, plus one byte to see the end), so a file of the size its status gave
    /// takes one read; only a file that grew since is read on, in further pieces.
    private static func readUpTo(_ maximum: Int, from descriptor: Int32, expected: Int) -> [UInt8]? {
        var failed = false
        var atEnd = false
        var bytes = [UInt8](unsafeUninitializedCapacity: min(maximum, expected + 1)) { buffer, count in
            count = fill(descriptor, UnsafeMutableRawBufferPointer(buffer), expected: expected, atEnd: &atEnd, failed: &failed)
        }
        while !failed && !atEnd && bytes.count < maximum {
            let piece = [UInt8](unsafeUninitializedCapacity: min(maximum - bytes.count, max(bytes.count, 1 << 16))) { buffer, count in
                count = fill(descriptor, UnsafeMutableRawBufferPointer(buffer), expected: 0, atEnd: &atEnd, failed: &failed)
            }
            bytes += piece
        }
        return failed ? nil : bytes
    }

    /// Reads into `buffer` until it is full or the file ends, at most 4 MiB per call as
    /// `FileBytes.readAll` does. A regular file's read comes back short only at its end: once
    /// `expected` bytes are in, a short read ends the file without one more call to see it.
    private static func fill(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer, expected: Int,
                             atEnd: inout Bool, failed: inout Bool) -> Int {
        var offset = 0
        while offset < buffer.count {
            let asked = min(buffer.count - offset, 1 << 22)
            let count = Glibc.read(descriptor, buffer.baseAddress! + offset, asked)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { failed = true; return offset }
            offset += count
            if count == 0 || (count < asked && offset >= expected) { atEnd = true; return offset }
        }
        return offset
    }

    /// `file is N bytes; KIND are limited to LIMIT bytes`, the one wording for every limit.
    static func overLimitMessage(size: Int, limit: Int, kind: String) -> String {
        "file is \(size) bytes; \(kind) are limited to \(limit) bytes"
    }
}
