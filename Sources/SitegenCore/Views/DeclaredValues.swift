/// A record's declared fields as templates read them, by the field's name: text as it is, a
/// date in the interface language, a list of ids joined by spaces (for `data-` attributes), and
/// for a choice also `NAME_label` from the strings file (`role_label` from `role_host`).
struct DeclaredValues: TemplateObject {
    let declared: [RecordField]
    let values: RecordValues
    let strings: InterfaceStrings

    func value(for key: TemplateKey) -> TemplateValue {
        let name = key.name
        if let field = declared.first(where: { $0.name == name }) {
            switch values[name] {
            case .text(let text): return .text(text)
            case .date(let date): return .text(strings.dates.format(date))
            case .flag(let flag): return .bool(flag)
            case .ids(let ids): return ids.isEmpty ? .missing : .text(ids.joined(separator: " "))
            case nil: return field.kind == .flag ? .bool(false) : .missing
            }
        }
        if name.hasSuffix("_label") {
            let base = String(name.dropLast("_label".count))
            if let field = declared.first(where: { $0.name == base }), case .choice = field.kind, let value = values.text(base) {
                return .text(strings.label("\(base)_\(value)"))
            }
        }
        return .missing
    }
}
