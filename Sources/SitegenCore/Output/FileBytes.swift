import Foundation

/// Whole-file reads and writes on descriptors, going on after interrupted or partial calls.
enum FileBytes {
    /// Why a file could not be read.
    enum ReadFailure: Error, Equatable {
        /// The file is larger than the limit; nothing was read.
        case tooLarge(size: Int, limit: Int)
        /// The system's reason (`strerror`), or a note that the file changed while read.
        case unreadable(String)

        var message: String {
            switch self {
            case .tooLarge(let size, let limit): "file is \(size) bytes; files of this kind are limited to \(limit) bytes"
            case .unreadable(let reason): "cannot read file: \(reason)"
            }
        }
    }

    /// Files sitegen reads whole are bounded: content and templates are text, and a static file is
    /// copied through memory. 64 MiB is far above any real page, image or PDF of the portal.
    static let defaultLimit = 64 << 20

    /// The bytes of the file at `path`, or nil when it cannot be read whole within `limit`.
    static func contents(of path: String, limit: Int = defaultLimit) -> [UInt8]? {
        try? read(path, limit: limit).get()
    }

    /// Reads the file at `path` (relative to `folder` when given), checking its size before
    /// reading and reading at most `limit + 1` bytes, so a huge or growing file costs no memory.
    static func read(_ path: String, in folder: Int32 = AT_FDCWD, limit: Int = defaultLimit) -> Result<[UInt8], ReadFailure> {
        let descriptor = openat(folder, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable("not a regular file")) }
        guard Int(info.st_size) <= limit else { return .failure(.tooLarge(size: Int(info.st_size), limit: limit)) }
        // Room for one byte more than the file had: a file that grew past the limit is caught too.
        let capacity = Int(info.st_size) + 1
        var failure: ReadFailure?
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var offset = 0
            while offset < capacity {
                let read = Glibc.read(descriptor, buffer.baseAddress! + offset, capacity - offset)
                if read < 0 && errno == EINTR { continue }
                if read < 0 { failure = .unreadable(String(cString: strerror(errno))); break }
                if read == 0 { break }
                offset += read
            }
            count = offset
        }
        if let failure { return .failure(failure) }
        guard bytes.count < capacity else {
            // It grew while read: read again only if still within the limit.
            return bytes.count > limit ? .failure(.tooLarge(size: bytes.count, limit: limit)) : .failure(.unreadable("the file changed while it was read"))
        }
        return .success(bytes)
    }

    /// Writes every byte of `bytes` to `descriptor`; the system's reason when it cannot.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? String(cString: strerror(errno)) : "nothing was written" }
            offset += count
        }
        return nil
    }
}
