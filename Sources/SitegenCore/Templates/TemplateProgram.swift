/// The theme's templates compiled for rendering: every template's nodes laid out in one flat
/// list of operations, all their text in one byte buffer, partials resolved to where they start.
///
/// Nothing in an operation is reference-counted. Walking the node tree cost a retain and a
/// release for every node visited and for every piece of text copied, and with both cores
/// rendering pages from the same tree those counts bounced between them: about a fifth of a
/// large build's time.
struct TemplateProgram: Sendable {
    enum Operation: Sendable {
        /// Bytes `start..<end` of `text`.
        case text(start: Int32, end: Int32)
        /// `names[name]`, escaped or not.
        case variable(name: Int32, escaped: Bool)
        /// Children are the operations from the next one up to `end`.
        case section(name: Int32, end: Int32)
        case invertedSection(name: Int32, end: Int32)
        /// `template` is an index into `templates`, or -1 for a name the folder does not have
        /// (rendered as nothing); `indentation` an index into `indentations`, or -1 for none.
        case partial(template: Int32, indentation: Int32)
        /// The blocks this tag overrides are `overrideSets[overrides]`; their operations lie before `end`.
        case parent(template: Int32, indentation: Int32, overrides: Int32, end: Int32)
        /// `block` numbers the block's name (`blockIndex`); its default operations run up to `end`.
        case block(block: Int32, indentation: Int32, end: Int32)
    }

    /// A block an inheriting tag replaces, by its name's number, and the operations it is replaced with.
    struct Override: Sendable {
        let block: Int32
        let start: Int32
        let end: Int32
    }

    private(set) var operations: [Operation] = []
    private(set) var text: [UInt8] = []
    private(set) var names: [TemplateName] = []
    private(set) var indentations: [[UInt8]] = []
    private(set) var overrideSets: [[Override]] = []
    /// Each template's operations.
    private(set) var templates: [Range<Int>] = []
    private(set) var templateIndex: [String: Int] = [:]
    private var blockIndex: [String: Int32] = [:]

    init(_ parsed: [String: [TemplateNode]]) {
        let sortedNames = parsed.keys.sorted()
        for (index, name) in sortedNames.enumerated() { templateIndex[name] = index }
        for name in sortedNames {
            let start = operations.count
            compile(parsed[name]!)
            templates.append(start..<operations.count)
        }
    }

    /// The template of this name's operations, if the folder has it.
    func operations(of name: String) -> Range<Int>? {
        templateIndex[name].map { templates[$0] }
    }

    private mutating func compile(_ nodes: [TemplateNode]) {
        // Adjacent text joins into one copy, except after a line break: an indented partial
        // indents what follows one, and it looks for line breaks where operations begin.
        var joinable: Int?
        for node in nodes {
            if case .text(let piece) = node {
                guard !piece.isEmpty else { continue }
                let start = Int32(text.count)
                text.append(contentsOf: piece.utf8)
                if let last = joinable, case .text(let first, _) = operations[last] {
                    operations[last] = .text(start: first, end: Int32(text.count))
                } else {
                    operations.append(.text(start: start, end: Int32(text.count)))
                }
                joinable = text.last == 0x0A ? nil : operations.count - 1
                continue
            }
            joinable = nil
            switch node {
            case .text, .blockDefinition:
                break
            case .variable(let name, let escaped):
                operations.append(.variable(name: add(name), escaped: escaped))
            case .section(let name, let children):
                let at = placeholder()
                let nameIndex = add(name)
                compile(children)
                operations[at] = .section(name: nameIndex, end: Int32(operations.count))
            case .invertedSection(let name, let children):
                let at = placeholder()
                let nameIndex = add(name)
                compile(children)
                operations[at] = .invertedSection(name: nameIndex, end: Int32(operations.count))
            case .partial(let name, let indentation, _):
                operations.append(.partial(template: reference(name), indentation: add(indentation: indentation)))
            case .parent(let name, let indentation, let blocks, _):
                let at = placeholder()
                var overrides: [Override] = []
                for (block, children) in blocks.sorted(by: { $0.key < $1.key }) {
                    let start = Int32(operations.count)
                    compile(children)
                    overrides.append(Override(block: add(block: block), start: start, end: Int32(operations.count)))
                }
                overrideSets.append(overrides)
                operations[at] = .parent(template: reference(name), indentation: add(indentation: indentation),
                                         overrides: Int32(overrideSets.count - 1), end: Int32(operations.count))
            case .block(let name, let defaultNodes, let indentation):
                let at = placeholder()
                let block = add(block: name)
                let indentationIndex = add(indentation: indentation)
                compile(defaultNodes)
                operations[at] = .block(block: block, indentation: indentationIndex, end: Int32(operations.count))
            }
        }
    }

    private mutating func placeholder() -> Int {
        operations.append(.text(start: 0, end: 0))
        return operations.count - 1
    }

    private mutating func add(_ name: TemplateName) -> Int32 {
        names.append(name)
        return Int32(names.count - 1)
    }

    private mutating func add(indentation: String?) -> Int32 {
        guard let indentation, !indentation.isEmpty else { return -1 }
        indentations.append(Array(indentation.utf8))
        return Int32(indentations.count - 1)
    }

    private mutating func add(block name: String) -> Int32 {
        if let index = blockIndex[name] { return index }
        let index = Int32(blockIndex.count)
        blockIndex[name] = index
        return index
    }

    private func reference(_ template: String) -> Int32 {
        templateIndex[template].map(Int32.init) ?? -1
    }
}
