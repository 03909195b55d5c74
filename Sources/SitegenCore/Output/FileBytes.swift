import Foundation

/// Whole-file reads and writes on descriptors, going on after interrupted or partial calls.
/// A read sizes its buffer once from `fstat`: Foundation's reads grow theirs step by step,
/// copying it each time, which showed in profiles of reading the cache of a large site.
enum FileBytes {
    /// The bytes of the file at `path`, or nil when it cannot be read whole.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            complete = readAll(descriptor, UnsafeMutableRawBufferPointer(buffer))
            count = complete ? size : 0
        }
        return complete ? bytes : nil
    }

    /// A content file's bytes, and its key as it was opened: read after the key was taken, so an
    /// edit made meanwhile leaves a key the next build finds changed. nil when it cannot be read
    /// whole, or is not a regular file.
    /// `folder`, when open, is the folder `path` is looked up in (a name within it): the kernel
    /// then walks one name instead of the whole path.
    /// A file over `SourceText.maximumBytes` by its status is read no further than that limit
    /// plus one byte, which `SourceText.decode` refuses; its key carries its whole size.
    static func contentsAndKey(of path: String, in folder: Int32 = AT_FDCWD) -> (bytes: [UInt8], key: ContentCache.FileKey)? {
        let limit = SourceText.maximumBytes
        guard case .success(let file) = BoundedFile.read(path, in: folder, limit: limit, readsPrefixWhenOver: true),
              file.bytes.count >= min(Int(file.status.st_size), limit + 1) else { return nil }
        return (file.bytes, ContentCache.FileKey(file.status))
    }

    /// Fills `buffer` from `descriptor`; false if the file ends first or a read fails.
    /// At most 4 MiB per call: a process cannot exit while one of its threads is inside a read,
    /// and an up-to-date build exits while the other thread may still be reading.
    static func readAll(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = Glibc.read(descriptor, buffer.baseAddress! + offset, min(buffer.count - offset, 1 << 22))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    /// Writes every byte of `bytes` to `descriptor`.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}
