import Foundation

/// Renders compiled templates (`TemplateProgram`) against views, into one growing buffer of UTF-8 bytes.
///
/// Names are looked up from the innermost value outwards (a section's item, then the page,
/// then the site); `{{name}}` is HTML-escaped and `{{{name}}}` is not, which is why only
/// rendered HTML (`bodyHTML`, charts) goes through triple braces.
struct TemplateRenderer {
    private let templates: [Range<Int>]
    private let indentations: [[UInt8]]
    private let overrideSets: [[TemplateProgram.Override]]
    // The program's arrays, read through pointers while a render runs: reading an operation
    // or copying its text then touches no reference count.
    private let operations: UnsafeBufferPointer<TemplateProgram.Operation>
    private let text: UnsafeBufferPointer<UInt8>
    private let names: UnsafeBufferPointer<TemplateName>
    private var stack: [TemplateValue]
    /// The stack's objects, where names are looked up (`NoScope` for other values): calling
    /// `value(for:)` on an array element in place copies nothing, unlike unwrapping an enum case.
    private var scopes: [any TemplateObject]
    /// Where the innermost list iteration is, for `first()`, `last()`, `index()`...
    private var loop: (index: Int, isLast: Bool)?
    /// Put before each line an indented partial or block renders after its first.
    private var indentation: [UInt8] = []
    /// Blocks the inheriting templates being rendered replace; the outermost wins.
    private var overrides: [TemplateProgram.Override]?
    /// Bytes, not a string: appending to a string checks its storage and flags on every piece.
    private var output: [UInt8] = []

    /// Nodes parsed on their own, with `templates` as the partials they may name.
    static func render(_ nodes: [TemplateNode], templates: [String: [TemplateNode]], context: any TemplateObject) -> String {
        var all = templates
        let name = "\u{0}rendered"
        all[name] = nodes
        return String(decoding: render(name, in: TemplateProgram(all), context: context), as: UTF8.self)
    }

    /// The template's output as UTF-8 bytes; nothing when the program has no such template.
    static func render(_ template: String, in program: TemplateProgram, context: any TemplateObject,
                       expectedSize: Int = 16 * 1024) -> [UInt8] {
        guard let range = program.operations(of: template) else { return [] }
        return program.operations.withUnsafeBufferPointer { operations in
            program.text.withUnsafeBufferPointer { text in
                program.names.withUnsafeBufferPointer { names in
                    var renderer = TemplateRenderer(program: program, operations: operations, text: text, names: names,
                                                    stack: [.object(context)])
                    renderer.output.reserveCapacity(expectedSize)
                    renderer.run(range.lowerBound, range.upperBound)
                    return renderer.output
                }
            }
        }
    }

    private init(program: TemplateProgram, operations: UnsafeBufferPointer<TemplateProgram.Operation>,
                 text: UnsafeBufferPointer<UInt8>, names: UnsafeBufferPointer<TemplateName>, stack: [TemplateValue]) {
        templates = program.templates
        indentations = program.indentations
        overrideSets = program.overrideSets
        self.operations = operations
        self.text = text
        self.names = names
        self.stack = stack
        scopes = stack.map(\.scope)
    }

    /// Runs the operations `start..<end`, each nested section as one step.
    private mutating func run(_ start: Int, _ end: Int) {
        var next = start
        guard !indentation.isEmpty else {
            while next < end { next = step(next) }
            return
        }
        let first = output.count
        while next < end {
            let before = output.count
            let atLineStart = before > first && output.last == 0x0A
            next = step(next)
            if atLineStart && output.count > before {
                output.insert(contentsOf: indentation, at: before)
            }
        }
    }

    /// Runs the operation at `index`; returns the index of the one after it (and its children).
    private mutating func step(_ index: Int) -> Int {
        switch operations[index] {
        case .text(let start, let end):
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)]))
        case .variable(let name, let escaped):
            write(lookup(Int(name)), escaped: escaped)
        case .section(let name, let end):
            section(lookup(Int(name)), index + 1, Int(end))
            return Int(end)
        case .invertedSection(let name, let end):
            switch lookup(Int(name)) {
            case .missing: run(index + 1, Int(end))
            case .bool(let flag): if !flag { run(index + 1, Int(end)) }
            case .list(let list): if list.count == 0 { renderWithin(.list(list), index + 1, Int(end)) }
            case .text, .markup, .number, .object: break
            }
            return Int(end)
        case .partial(let template, let indentationIndex):
            guard template >= 0 else { break }
            let range = templates[Int(template)]
            renderNested(range, indentation: indentationIndex, overrides: overrides)
        case .parent(let template, let indentationIndex, let set, let end):
            guard template >= 0 else { return Int(end) }
            let blocks = overrideSets[Int(set)]
            var merged = overrides ?? []
            for block in blocks where !merged.contains(where: { $0.block == block.block }) { merged.append(block) }
            renderNested(templates[Int(template)], indentation: indentationIndex, overrides: merged)
            return Int(end)
        case .block(let block, let indentationIndex, let end):
            if let replacement = overrides?.first(where: { $0.block == block }) {
                renderNested(Int(replacement.start)..<Int(replacement.end), indentation: indentationIndex, overrides: overrides)
            } else {
                renderNested(index + 1..<Int(end), indentation: indentationIndex, overrides: overrides)
            }
            return Int(end)
        }
        return index + 1
    }

    // Consumed, so that its text is moved out rather than retained and released once more.
    private mutating func write(_ value: consuming TemplateValue, escaped: Bool) {
        switch consume value {
        case .text(let text):
            if escaped { Escape.appendXML(text, to: &output) } else { Self.append(text, to: &output) }
        case .markup(let html):
            if escaped { Escape.appendXML(String(decoding: html, as: UTF8.self), to: &output) } else { output += html }
        case .number(let number): output.append(contentsOf: String(number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .missing, .list, .object: break
        }
    }

    /// The text's UTF-8 copied in one piece.
    private static func append(_ text: consuming String, to output: inout [UInt8]) {
        text.withUTF8InPlace { output.append(contentsOf: $0) }
    }

    private mutating func section(_ value: TemplateValue, _ start: Int, _ end: Int) {
        switch value {
        case .missing: break
        case .bool(let flag): if flag { run(start, end) }
        case .list(let list):
            let count = list.count
            let outerLoop = loop
            for index in 0..<count {
                push(list.element(at: index))
                loop = (index, index == count - 1)
                run(start, end)
                pop()
            }
            loop = outerLoop
        case .markup(let html):
            renderWithin(.text(String(decoding: html, as: UTF8.self)), start, end)
        case .text, .number, .object:
            renderWithin(value, start, end)
        }
    }

    private mutating func renderWithin(_ value: TemplateValue, _ start: Int, _ end: Int) {
        let outerLoop = loop
        loop = nil
        push(value)
        run(start, end)
        pop()
        loop = outerLoop
    }

    private mutating func push(_ value: TemplateValue) {
        scopes.append(value.scope)
        stack.append(value)
    }

    private mutating func pop() {
        scopes.removeLast()
        stack.removeLast()
    }

    private mutating func renderNested(_ range: Range<Int>, indentation extra: Int32, overrides nested: [TemplateProgram.Override]?) {
        let (outerLoop, outerIndentation, outerOverrides) = (loop, indentation, overrides)
        loop = nil
        if extra >= 0 { indentation += indentations[Int(extra)] }
        overrides = nested
        run(range.lowerBound, range.upperBound)
        (loop, indentation, overrides) = (outerLoop, outerIndentation, outerOverrides)
    }

    // MARK: Names

    private mutating func lookup(_ index: Int) -> TemplateValue {
        let name = names.baseAddress! + index
        var value: TemplateValue
        if name.pointee.readsLoopPosition {
            guard let loop else { return .missing }
            switch name.pointee.transforms[0] {
            case .first: value = .bool(loop.index == 0)
            case .last: value = .bool(loop.isLast)
            case .index: value = .number(loop.index)
            case .even: value = .bool(loop.index % 2 == 0)
            case .odd: value = .bool(loop.index % 2 == 1)
            default: return .missing
            }
        } else if name.pointee.first.name.isEmpty {
            value = stack.last ?? .missing
        } else if name.pointee.anchored {
            value = Self.resolve(name.pointee.rest, in: scopes[scopes.count - 1].value(for: name.pointee.first))
        } else {
            let found = find(name.pointee.first)
            value = name.pointee.rest.isEmpty ? found : Self.resolve(name.pointee.rest, in: found)
        }
        guard !name.pointee.transforms.isEmpty else { return value }
        for transform in name.pointee.transforms.dropFirst(name.pointee.readsLoopPosition ? 1 : 0) {
            if case .missing = value { return .missing }
            if case .markup(let html) = value { value = .text(String(decoding: html, as: UTF8.self)) }
            value = Self.apply(transform, to: value)
        }
        return value
    }

    /// The value of the innermost object on the stack that has `key`; returned, so it is moved out, not copied.
    private func find(_ key: TemplateKey) -> TemplateValue {
        var scope = scopes.count - 1
        while scope >= 0 {
            let value = scopes[scope].value(for: key)
            if case .missing = value {
                scope -= 1
                continue
            }
            return value
        }
        return .missing
    }

    private static func resolve(_ parts: [TemplateKey], in start: consuming TemplateValue) -> TemplateValue {
        var value = start
        for part in parts {
            guard case .object(let object) = consume value else { return .missing }
            value = object.value(for: part)
        }
        return value
    }

    private static func apply(_ transform: TemplateTransform, to value: TemplateValue) -> TemplateValue {
        switch value {
        case .text(let text):
            switch transform {
            case .empty: .bool(text.isEmpty)
            case .capitalized: .text(text.capitalized)
            case .lowercased: .text(text.lowercased())
            case .uppercased: .text(text.uppercased())
            case .reversed: .text(String(text.reversed()))
            default: .missing
            }
        case .list(let list):
            switch transform {
            case .first: list.count > 0 ? list.element(at: 0) : .missing
            case .last: list.count > 0 ? list.element(at: list.count - 1) : .missing
            case .reversed: .list(ReversedTemplateList(base: list))
            case .count: .number(list.count)
            case .empty: .bool(list.count == 0)
            default: .missing
            }
        case .number(let number):
            switch transform {
            case .equalzero: .bool(number == 0)
            case .plusone: .number(number + 1)
            case .minusone: .number(number - 1)
            case .even: .bool(number % 2 == 0)
            case .odd: .bool(number % 2 != 0)
            default: .missing
            }
        case .missing, .bool, .object, .markup:
            .missing
        }
    }
}

private extension TemplateValue {
    /// What names are looked up in while this value is current.
    var scope: any TemplateObject {
        if case .object(let object) = self { object } else { NoScope.shared }
    }
}

/// A value that is not an object has no names.
private final class NoScope: TemplateObject {
    static let shared = NoScope()
    func value(for key: TemplateKey) -> TemplateValue { .missing }
}
