import Foundation

/// Whole-file reads, bounded (`BoundedFile`: the size is checked before reading), and writes on
/// descriptors that go on after interrupted or partial calls.
enum FileBytes {
    /// Why a file could not be read.
    enum ReadFailure: Error, Equatable {
        /// The file is larger than the limit; nothing was read.
        case tooLarge(size: Int, limit: Int)
        /// The system's reason (`strerror`).
        case unreadable(String)

        /// `kind`: what the file is, in the plural ("content files", "static files").
        func message(kind: String) -> String {
            switch self {
            case .tooLarge(let size, let limit): BoundedFile.overLimitMessage(size: size, limit: limit, kind: kind)
            case .unreadable(let reason): "cannot read file: \(reason)"
            }
        }
    }

    /// Files sitegen copies whole (static files, assets) are read through memory; 64 MiB is far
    /// above any real page, image or PDF of the portal.
    static let defaultLimit = StaticFiles.maximumBytes

    /// The bytes of the file at `path`, or nil when it cannot be read whole within `limit`.
    static func contents(of path: String, limit: Int = defaultLimit) -> [UInt8]? {
        try? read(path, limit: limit).get()
    }

    /// Reads the file at `path` (relative to `folder` when given), refusing it before reading when
    /// it is larger than `limit`.
    static func read(_ path: String, in folder: Int32 = AT_FDCWD, limit: Int = defaultLimit) -> Result<[UInt8], ReadFailure> {
        switch BoundedFile.read(path, in: folder, limit: limit) {
        case .failure(.unreadable(let code)): .failure(.unreadable(String(cString: strerror(code))))
        case .failure(.notRegularFile): .failure(.unreadable("not a regular file"))
        case .success(let file): file.isOverLimit ? .failure(.tooLarge(size: file.size, limit: limit)) : .success(file.bytes)
        }
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
