import Mustache
@testable import SitegenCore

// sitegen's views, as swift-mustache reads them. Nothing is copied up front: each name a
// template looks up is asked of the view when swift-mustache asks for it, and the answer
// (a `TemplateValue`) is turned into what swift-mustache renders:
//
//   .text      → String            (escaped by swift-mustache's HTML content type, or not for `{{{ }}}`)
//   .markup    → String            (swift-mustache renders Strings; the bytes are decoded once per use)
//   .bool      → Bool
//   .number    → Int
//   .list      → MustacheList      (a lazy `MustacheSequence`; elements converted as they are iterated)
//   .object    → MustacheView      (a `MustacheParent`: `child(named:)` calls the view's `value(for:)`)
//   .missing   → nil
//
// Transforms are swift-mustache's own: its `String`, `Int` (`FixedWidthInteger`) and
// sequence transforms cover every one the theme uses (`empty`, `equalzero`, `minusone`).
// `MustacheList` implements the sequence ones (`first`, `last`, `reversed`, `count`, `empty`)
// as swift-mustache's `Array` does, since it is not an `Array`.

/// A sitegen view as a swift-mustache object.
struct MustacheView: MustacheParent {
    let view: any TemplateObject

    init(_ view: any TemplateObject) { self.view = view }

    func child(named name: String) -> Any? {
        // The name as sitegen's templates resolve it when they compile (a dictionary look-up of
        // the field); swift-mustache hands over the name as a string at every look-up.
        mustacheValue(view.value(for: TemplateKey(name)))
    }
}

/// A sitegen list as a swift-mustache sequence.
struct MustacheList: MustacheSequence, MustacheTransformable {
    let list: any TemplateList

    struct Iterator: IteratorProtocol {
        let list: any TemplateList
        let count: Int
        var index = 0

        mutating func next() -> Any? {
            guard index < count else { return nil }
            defer { index += 1 }
            // A missing element (none of sitegen's lists has one) must not end the iteration.
            return mustacheValue(list.element(at: index)) ?? (Optional<Any>.none as Any)
        }
    }

    func makeIterator() -> Iterator { Iterator(list: list, count: list.count) }

    func transform(_ name: String) -> Any? {
        let count = list.count
        switch name {
        case "first": return count > 0 ? mustacheValue(list.element(at: 0)) : nil
        case "last": return count > 0 ? mustacheValue(list.element(at: count - 1)) : nil
        case "reversed": return MustacheList(list: ReversedTemplateList(base: list))
        case "count": return count
        case "empty": return count == 0
        default: return nil
        }
    }
}

/// What swift-mustache renders for a sitegen value.
func mustacheValue(_ value: TemplateValue) -> Any? {
    switch value {
    case .missing: nil
    case .text(let text): text
    case .markup(let bytes): String(decoding: bytes, as: UTF8.self)
    case .bool(let flag): flag
    case .number(let number): number
    case .list(let list): MustacheList(list: list)
    case .object(let object): MustacheView(object)
    }
}
