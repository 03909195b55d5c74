/// A set of ASCII bytes as a table of 256 flags.
struct ByteClass: Sendable {
    private let members: [Bool]

    init(_ characters: String) {
        var members = [Bool](repeating: false, count: 256)
        for byte in characters.utf8 { members[Int(byte)] = true }
        self.members = members
    }

    func contains(_ byte: UInt8) -> Bool { members[Int(byte)] }
}
