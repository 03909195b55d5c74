import Foundation

/// A small binary format for the content cache: fixed-width integers and length-prefixed UTF-8.
/// Codable through Foundation's encoders took seconds for a large archive; this takes milliseconds.
protocol CacheCodable {
    func encode(to writer: inout CacheWriter)
    init(from reader: inout CacheReader) throws(CacheReader.Corrupt)
}

/// Encodes into a buffer that it passes on to a file a megabyte at a time: building a large
/// cache whole in memory spent more time faulting in fresh pages than encoding. The buffer is
/// raw memory, filled by plain stores: appending each integer and string to an array checked
/// its uniqueness and capacity and called memmove for a few bytes, a third of writing the cache.
struct CacheWriter {
    private let buffer: UnsafeMutableRawPointer?
    private var count = 0
    private let descriptor: Int32
    private(set) var failed = false
    private var flushedCount = 0
    private static let chunk = 1 << 20

    /// Bytes written so far, counting those already passed on.
    var position: Int { flushedCount + count }

    /// Writes a body as only what the rest of the site sees of it (`ContentDocument`'s encoding):
    /// for digests of what a file contributes to pages other than its own.
    var writesSurfaceOnly = false

    /// `buffer`: `chunk` bytes, owned by the caller (`writeTemporaryFile`).
    private init(streamingTo descriptor: Int32, buffer: UnsafeMutableRawPointer) {
        self.descriptor = descriptor
        self.buffer = buffer
    }

    /// Keeps nothing but a digest of what is written, for `digest`: no bytes are stored.
    init(digesting: Void) {
        descriptor = -1
        buffer = nil
        isDigesting = true
    }

    private var isDigesting = false
    /// A digest of everything written, when the writer was made for digesting.
    private(set) var digest: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// `digest` as it was at `markPlacement()`, if that was called.
    private(set) var placementDigest: UInt64?

    /// Notes the digest of what has been written so far (`DocumentIndex.surfaceDigests`).
    mutating func markPlacement() {
        if isDigesting { placementDigest = digest }
    }

    private mutating func mix(_ value: UInt64) {
        digest = ((digest ^ value) &* 0xFF51_AFD7_ED55_8CCD)
        digest ^= digest >> 31
    }

    /// Writes what `encode` writes into a new file beside `path` (`PATH.tmp-PID`), to be renamed
    /// into place once the build is: the file's path, or nil (and no file) when writing failed.
    static func writeTemporaryFile(for path: String, _ encode: (inout CacheWriter) -> Void) -> String? {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var writer = CacheWriter(streamingTo: descriptor, buffer: buffer)
        encode(&writer)
        writer.flush()
        guard !writer.failed else {
            unlink(temporary)
            return nil
        }
        return temporary
    }

    /// Renames a file `writeTemporaryFile` wrote into place, so a reader never sees half of it.
    static func install(_ temporary: String, at path: String) {
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// Passes everything buffered on to the file.
    private mutating func flush() {
        guard let buffer, count > 0 else { return }
        if !failed, !FileBytes.writeAll(descriptor, UnsafeRawBufferPointer(start: buffer, count: count)) { failed = true }
        flushedCount += count
        count = 0
    }

    /// Room for `byteCount` more bytes in the buffer, passing it on first if need be; false
    /// when they would not fit even in an empty one.
    private mutating func makeRoom(_ byteCount: Int) -> Bool {
        if count + byteCount > Self.chunk { flush() }
        return byteCount <= Self.chunk
    }

    private mutating func append(_ source: UnsafeRawBufferPointer) {
        guard let buffer, let start = source.baseAddress, source.count > 0 else { return }
        // Long pieces (a run of unchanged records, mapped from the last file) go straight to the
        // file rather than through the buffer: copied once instead of twice.
        guard source.count < Self.chunk / 4 else {
            flush()
            if !failed, !FileBytes.writeAll(descriptor, source) { failed = true }
            flushedCount += source.count
            return
        }
        _ = makeRoom(source.count)
        (buffer + count).copyMemory(from: start, byteCount: source.count)
        count += source.count
    }

    mutating func write(_ value: Int64) {
        if isDigesting { return mix(UInt64(bitPattern: value)) }
        guard let buffer else { return }
        _ = makeRoom(8)
        (buffer + count).storeBytes(of: value.littleEndian, as: Int64.self)
        count += 8
    }

    mutating func write(_ value: Int) { write(Int64(value)) }

    mutating func write(_ value: Bool) {
        if isDigesting { return mix(value ? 1 : 0) }
        guard let buffer else { return }
        _ = makeRoom(1)
        (buffer + count).storeBytes(of: value ? 1 : 0, as: UInt8.self)
        count += 1
    }

    mutating func write(_ value: String) {
        // Read in place: the pages being rendered on the other cores retain and release it too.
        value.withUTF8InPlace { write(utf8: $0) }
    }

    private mutating func write(utf8: UnsafeBufferPointer<UInt8>) {
        write(utf8.count)
        if isDigesting { return mix(DocumentIndex.digest(utf8)) }
        append(UnsafeRawBufferPointer(utf8))
    }

    mutating func write<Value: CacheCodable>(_ value: Value) { value.encode(to: &self) }

    /// Raw bytes, length first.
    mutating func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(utf8: $0) }
    }

    mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        write(utf8: bytes)
    }

    /// Bytes already in this format, copied as they are.
    mutating func append(_ encoded: CacheBytes.Slice) {
        let slice = UnsafeBufferPointer(rebasing: encoded.bytes.buffer[encoded.range])
        if isDigesting { return mix(DocumentIndex.digest(slice)) }
        append(UnsafeRawBufferPointer(slice))
    }

    mutating func write<Value: CacheCodable>(_ value: Value?) {
        write(value != nil)
        if let value { value.encode(to: &self) }
    }

    mutating func write<Value: CacheCodable>(_ values: [Value]) {
        write(values.count)
        for value in values { value.encode(to: &self) }
    }
}

/// The bytes a cache was read from, kept so that unchanged parts are written back as they were
/// read instead of encoded again. The file is mapped, not read: reading 60 MB into fresh memory
/// spent more time faulting in and zeroing pages than decoding them. sitegen replaces a cache
/// file only by renaming a new one over it, so the mapped file never changes under the mapping.
final class CacheBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    /// When the file's status last changed, as it was mapped (the output check compares folders with it).
    let statusChanged: timespec

    init?(mapping path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        buffer = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
        statusChanged = info.st_ctim
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
    }

    struct Slice: Sendable {
        let bytes: CacheBytes
        let range: Range<Int>
    }
}

struct CacheReader {
    struct Corrupt: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0

    /// The mapped cache `bytes` lie in, if any: long texts are then referred to, not copied.
    private let owner: CacheBytes?

    /// Reads from memory the caller keeps alive while the reader is in use, from `offset` on.
    init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int = 0, owner: CacheBytes? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.owner = owner
    }

    var isAtEnd: Bool { offset == bytes.count }
    /// The bytes being read.
    var buffer: UnsafeBufferPointer<UInt8> { bytes }
    /// How many bytes have been read.
    var position: Int { offset }

    mutating func int64() throws(Corrupt) -> Int64 {
        guard offset + 8 <= bytes.count else { throw Corrupt() }
        let value = UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: Int64.self)
        offset += 8
        return Int64(littleEndian: value)
    }

    mutating func int() throws(Corrupt) -> Int { Int(try int64()) }

    mutating func bool() throws(Corrupt) -> Bool {
        guard offset < bytes.count else { throw Corrupt() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws(Corrupt) -> String {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        defer { offset += count }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
    }

    /// Where raw bytes (as `CacheWriter.write(bytes:)` wrote them) lie in the bytes read, without copying them.
    mutating func rawRange() throws(Corrupt) -> Range<Int> {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        defer { offset += count }
        return offset..<offset + count
    }

    /// Raw bytes, as `CacheWriter.write(bytes:)` wrote them.
    mutating func rawBytes() throws(Corrupt) -> [UInt8] {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func read<Value: CacheCodable>(_: Value.Type = Value.self) throws(Corrupt) -> Value {
        try Value(from: &self)
    }

    mutating func optional<Value: CacheCodable>(_: Value.Type = Value.self) throws(Corrupt) -> Value? {
        try bool() ? try Value(from: &self) : nil
    }

    /// A number of items to follow; each takes at least a byte, so more than the bytes left is damage.
    mutating func count() throws(Corrupt) -> Int {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        return count
    }

    mutating func array<Value: CacheCodable>(_: Value.Type = Value.self) throws(Corrupt) -> [Value] {
        let count = try count()
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try Value(from: &self)) }
        return values
    }
}

extension String: CacheCodable {
    func encode(to writer: inout CacheWriter) { writer.write(self) }
    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) { self = try reader.string() }
}

extension Int: CacheCodable {
    func encode(to writer: inout CacheWriter) { writer.write(self) }
    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) { self = try reader.int() }
}
