import Mustache

/// A view model templates read through a table of named key paths rather than reflection:
/// `Mirror` costs more than the rest of rendering on large pages.
protocol MustacheView: MustacheParent {
    static var fields: [String: PartialKeyPath<Self>] { get }
}

extension MustacheView {
    func child(named name: String) -> Any? {
        guard let keyPath = Self.fields[name] else { return nil }
        let value = self[keyPath: keyPath]
        // An absent optional must read as missing, so `{{#organizer}}` is skipped.
        if let optional = value as? OptionalValue { return optional.wrappedValue }
        return value
    }
}

private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { self.map { $0 as Any } }
}
