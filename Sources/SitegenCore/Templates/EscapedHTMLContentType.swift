import Mustache

/// How `{{name}}` escapes in every template: swift-mustache's default looks each character up in
/// a dictionary, which was a fifth of a large build; `Escape.xml` scans UTF-8 bytes and returns
/// the text untouched when nothing needs escaping.
struct EscapedHTMLContentType: MustacheContentType {
    static let name = "SITEGEN_HTML"
    /// Put before each template's text, on its first line so that line numbers stay the same.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"
    static let registered: Void = MustacheContentTypes.register(EscapedHTMLContentType(), named: name)

    func escapeText(_ text: String) -> String {
        Escape.xml(text)
    }
}
