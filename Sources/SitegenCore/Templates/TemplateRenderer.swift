import Foundation

/// Renders parsed templates against views, into one growing buffer of UTF-8 bytes.
///
/// Names are looked up from the innermost value outwards (a section's item, then the page,
/// then the site); `{{name}}` is HTML-escaped and `{{{name}}}` is not, which is why only
/// rendered HTML (`bodyHTML`, charts) goes through triple braces.
struct TemplateRenderer {
    private let templates: [String: [TemplateNode]]
    private var stack: [TemplateValue]
    /// Where the innermost list iteration is, for `first()`, `last()`, `index()`...
    private var loop: (index: Int, isLast: Bool)?
    /// Put before each line an indented partial or block renders after its first.
    private var indentation = ""
    /// Blocks the inheriting templates being rendered replace; the outermost wins.
    private var overrides: [String: [TemplateNode]]?
    /// Bytes, not a string: appending to a string checks its storage and flags on every piece.
    private var output: [UInt8] = []
    private var body = BodyPlacement.absent

    static func render(_ nodes: [TemplateNode], templates: [String: [TemplateNode]], context: any TemplateObject,
                       expectedSize: Int = 16 * 1024) -> String {
        String(decoding: renderPlacingBody(nodes, templates: templates, context: context, expectedSize: expectedSize).bytes, as: UTF8.self)
    }

    /// The output's UTF-8 bytes, and where in them the document's body (a `.body` value) was written.
    static func renderPlacingBody(_ nodes: [TemplateNode], templates: [String: [TemplateNode]], context: any TemplateObject,
                                  expectedSize: Int = 16 * 1024) -> (bytes: [UInt8], body: BodyPlacement) {
        var renderer = TemplateRenderer(templates: templates, stack: [.object(context)])
        renderer.output.reserveCapacity(expectedSize)
        renderer.render(nodes)
        return (renderer.output, renderer.body)
    }

    private init(templates: [String: [TemplateNode]], stack: [TemplateValue]) {
        self.templates = templates
        self.stack = stack
    }

    private mutating func render(_ nodes: [TemplateNode]) {
        guard !indentation.isEmpty else {
            for node in nodes { render(node) }
            return
        }
        let start = output.count
        for node in nodes {
            let before = output.count
            let atLineStart = before > start && output.last == 0x0A
            render(node)
            if atLineStart && output.count > before {
                output.insert(contentsOf: indentation.utf8, at: before)
            }
        }
    }

    private mutating func render(_ node: TemplateNode) {
        switch node {
        case .text(let text):
            output.append(contentsOf: text.utf8)
        case .variable(let name, let escaped):
            switch lookup(name) {
            case .text(let text):
                if escaped { Escape.appendXML(text, to: &output) } else { output.append(contentsOf: text.utf8) }
            case .body(let text):
                // Only a verbatim copy, outside indented partials, can be replaced later byte for byte.
                guard !escaped, indentation.isEmpty, case .absent = body else {
                    body = .untracked
                    if escaped { Escape.appendXML(text, to: &output) } else { output.append(contentsOf: text.utf8) }
                    break
                }
                let start = output.count
                output.append(contentsOf: text.utf8)
                body = .at(start..<output.count)
            case .number(let number): output.append(contentsOf: String(number).utf8)
            case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .missing, .list, .object: break
            }
        case .section(let name, let children):
            let value = lookup(name)
            switch value {
            case .missing: break
            case .bool(let flag): if flag { render(children) }
            case .list(let list):
                let count = list.count
                let outerLoop = loop
                for index in 0..<count {
                    stack.append(list.element(at: index))
                    loop = (index, index == count - 1)
                    render(children)
                    stack.removeLast()
                }
                loop = outerLoop
            case .body(let text):
                body = .untracked
                renderWithin(.text(text), children)
            case .text, .number, .object:
                renderWithin(value, children)
            }
        case .invertedSection(let name, let children):
            let value = lookup(name)
            switch value {
            case .missing: render(children)
            case .bool(let flag): if !flag { render(children) }
            case .list(let list): if list.count == 0 { renderWithin(value, children) }
            case .body:
                body = .untracked
            case .text, .number, .object: break
            }
        case .partial(let name, let partialIndentation, _):
            guard let nodes = templates[name] else { return }
            renderNested(nodes, indentation: partialIndentation ?? "", overrides: overrides)
        case .parent(let name, let parentIndentation, let blocks, _):
            guard let nodes = templates[name] else { return }
            let merged = overrides.map { $0.merging(blocks) { outer, _ in outer } } ?? blocks
            renderNested(nodes, indentation: parentIndentation, overrides: merged)
        case .block(let name, let defaultNodes, let blockIndentation):
            renderNested(overrides?[name] ?? defaultNodes, indentation: blockIndentation, overrides: overrides)
        case .blockDefinition:
            break
        }
    }

    private mutating func renderWithin(_ value: TemplateValue, _ nodes: [TemplateNode]) {
        let outerLoop = loop
        loop = nil
        stack.append(value)
        render(nodes)
        stack.removeLast()
        loop = outerLoop
    }

    private mutating func renderNested(_ nodes: [TemplateNode], indentation extra: String, overrides nested: [String: [TemplateNode]]?) {
        let (outerLoop, outerIndentation, outerOverrides) = (loop, indentation, overrides)
        loop = nil
        indentation += extra
        overrides = nested
        render(nodes)
        (loop, indentation, overrides) = (outerLoop, outerIndentation, outerOverrides)
    }

    // MARK: Names

    private mutating func lookup(_ name: TemplateName) -> TemplateValue {
        var transforms = name.transforms[...]
        var value: TemplateValue
        if name.readsLoopPosition {
            guard let loop, let first = transforms.popFirst() else { return .missing }
            switch first {
            case .first: value = .bool(loop.index == 0)
            case .last: value = .bool(loop.isLast)
            case .index: value = .number(loop.index)
            case .even: value = .bool(loop.index % 2 == 0)
            case .odd: value = .bool(loop.index % 2 == 1)
            default: return .missing
            }
        } else if name.parts.isEmpty {
            value = stack.last ?? .missing
        } else if name.anchored {
            value = Self.resolve(name.parts[...], in: stack.last ?? .missing)
        } else {
            value = .missing
            let first = name.parts[0]
            var index = stack.count - 1
            while index >= 0 {
                if case .object(let object) = stack[index] {
                    let child = object.value(named: first)
                    if case .missing = child {} else {
                        value = Self.resolve(name.parts[1...], in: child)
                        break
                    }
                }
                index -= 1
            }
        }
        for transform in transforms {
            if case .missing = value { return .missing }
            // A transformed body shapes the page in ways a later edit of the body could change.
            if case .body(let text) = value {
                body = .untracked
                value = .text(text)
            }
            value = Self.apply(transform, to: value)
        }
        return value
    }

    private static func resolve(_ parts: ArraySlice<String>, in value: TemplateValue) -> TemplateValue {
        var value = value
        for part in parts {
            guard case .object(let object) = value else { return .missing }
            value = object.value(named: part)
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
        case .missing, .bool, .object, .body:
            .missing
        }
    }
}
