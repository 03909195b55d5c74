import Testing
@testable import SitegenCore

/// A view made of named values, for templates under test.
private final class Values: TemplateObject, @unchecked Sendable {
    let values: [String: TemplateValue]
    init(_ values: [String: TemplateValue]) { self.values = values }
    func value(for key: TemplateKey) -> TemplateValue { values[key.name] ?? .missing }
}

private func items(_ names: String...) -> TemplateValue {
    .list(names.map { Values(["name": .text($0)]) })
}

private func render(_ template: String, partials: [String: String] = [:], _ values: [String: TemplateValue] = [:]) throws -> String {
    var templates: [String: [TemplateNode]] = [:]
    for (name, text) in partials { templates[name] = try TemplateParser.parse(text) }
    return TemplateRenderer.render(try TemplateParser.parse(template), templates: templates, context: Values(values))
}

private func failure(_ template: String) -> TemplateParser.Failure? {
    do {
        _ = try TemplateParser.parse(template)
        return nil
    } catch {
        return error
    }
}

@Suite struct TemplateEngineTests {
    @Test func variablesAreEscapedUnlessTripleBraced() throws {
        let values: [String: TemplateValue] = ["x": .text("<b>\"R&D\"</b>"), "n": .number(3), "flag": .bool(true)]
        #expect(try render("{{x}}|{{{x}}}|{{& x}}|{{n}}|{{flag}}|{{nothing}}", values)
            == "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;|<b>\"R&D\"</b>|<b>\"R&D\"</b>|3|true|")
    }

    @Test func renderedMarkupReadsLikeText() throws {
        // A list entry rendered earlier, kept as bytes: copied by triple braces, escaped by double,
        // present for sections, and made text for transforms.
        let values: [String: TemplateValue] = ["entry": .markup(Array("<li>R&D</li>".utf8)), "none": .markup([])]
        #expect(try render("{{{entry}}}|{{entry}}|{{#entry}}[{{.}}]{{/entry}}|{{^entry}}absent{{/entry}}|{{empty(none)}}|{{empty(entry)}}", values)
            == "<li>R&D</li>|&lt;li&gt;R&amp;D&lt;/li&gt;|[&lt;li&gt;R&amp;D&lt;/li&gt;]||true|false")
    }

    @Test func escapingKeepsTextAndDropsControlCharacters() {
        #expect(Escape.xml("Côte d’Ivoire, 日本") == "Côte d’Ivoire, 日本")
        #expect(Escape.xml("a<b>&\"'\u{1}\tc\nd\u{7F}") == "a&lt;b&gt;&amp;&quot;&#39;\tc\nd\u{7F}")
        #expect(Escape.xml("日本<") == "日本&lt;")
    }

    @Test func jsonEscapingOnBytesMatchesEscapingOnScalars() {
        for special in ["\"", "\\", "<", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{2028}", "\u{2029}", "’", "—", "日本", "é"] {
            for position in 0..<20 {
                let text = String(String(repeating: "abc def ", count: 3).prefix(position)) + special + " and more text after it"
                var bytes: [UInt8] = []
                Escape.appendJSON(text, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == Escape.jsonString(text), "\(special.debugDescription) at \(position)")
            }
        }
        #expect(Escape.jsonString("a\u{1}b\u{1F}") == #""a\u0001b\u001f""#)
    }

    /// The escaper looks at eight bytes at a time: every special byte is found wherever it falls.
    @Test func escapingFindsASpecialByteAtEveryPosition() {
        func reference(_ text: String) -> String {
            text.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "&": "&amp;"
                case "<": "&lt;"
                case ">": "&gt;"
                case "\"": "&quot;"
                case "'": "&#39;"
                case "\t", "\n", "\r": String(scalar)
                default: scalar.value < 0x20 ? "" : String(scalar)
                }
            }.joined()
        }
        for special in ["&", "<", ">", "\"", "'", "\u{0}", "\u{1F}", "\t", "\n"] {
            for position in 0..<24 {
                let text = "é" + String(repeating: "abc def ", count: 3).prefix(position) + special + " and 日本 after it, long enough"
                #expect(Escape.xml(text) == reference(text), "\(special.debugDescription) at byte \(position)")
            }
        }
        #expect(Escape.xml(String(repeating: "plain text, nothing to escape ", count: 3)) == String(repeating: "plain text, nothing to escape ", count: 3))
    }

    @Test func sectionsIterateListsAndTestFlagsAndPresence() throws {
        let values: [String: TemplateValue] = [
            "people": items("Ana", "Bo"), "none": .list([String]()), "yes": .bool(true), "no": .bool(false),
            "place": .object(Values(["city": .text("Oslo")])), "title": .text("T"),
        ]
        #expect(try render("{{#people}}[{{name}} {{title}}]{{/people}}", values) == "[Ana T][Bo T]")
        #expect(try render("{{#none}}x{{/none}}{{^none}}empty{{/none}}", values) == "empty")
        #expect(try render("{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{^no}}not{{/no}}{{^yes}}!{{/yes}}", values) == "ynot")
        #expect(try render("{{#missing}}m{{/missing}}{{^missing}}absent{{/missing}}", values) == "absent")
        #expect(try render("{{#place}}{{city}}/{{title}}{{/place}} {{place.city}} {{place.title}}", values) == "Oslo/T Oslo ")
        #expect(try render("{{#title}}<{{.}}>{{/title}}", values) == "<T>")
    }

    @Test func anchoredNamesLookOnlyAtTheCurrentValue() throws {
        let values: [String: TemplateValue] = ["title": .text("outer"), "inner": .object(Values([:]))]
        #expect(try render("{{#inner}}{{title}}|{{.title}}{{/inner}}", values) == "outer|")
    }

    @Test func tagsAloneOnTheirLineLeaveNoLine() throws {
        let template = """
            <ul>
              {{#people}}
              <li>{{name}}</li>
              {{/people}}
              {{! a comment }}
            </ul>

            """
        #expect(try render(template, ["people": items("Ana", "Bo")]) == "<ul>\n  <li>Ana</li>\n  <li>Bo</li>\n</ul>\n")
        #expect(try render("a {{#yes}}b{{/yes}} c\n", ["yes": .bool(true)]) == "a b c\n")
        #expect(try render("{{#yes}}\r\nx\r\n{{/yes}}\r\n", ["yes": .bool(true)]) == "x\r\n")
    }

    @Test func partialsAloneOnTheirLineAreIndentedLikeTheTag() throws {
        let partials = ["item": "<li>\n{{name}}\n</li>\n"]
        #expect(try render("<ul>\n  {{> item}}\n</ul>\n", partials: partials, ["name": .text("Ana")])
            == "<ul>\n  <li>\n  Ana\n  </li>\n</ul>\n")
        #expect(try render("[{{> item}}]", partials: partials, ["name": .text("Ana")]) == "[<li>\nAna\n</li>\n]")
        // Text around a comment is joined into one copy when compiled, but never past a line break.
        #expect(try render("<div>\n  {{> note}}\n</div>\n", partials: ["note": "<p>{{! aside }}one\ntwo\n</p>\n"])
            == "<div>\n  <p>one\n  two\n  </p>\n</div>\n")
    }

    @Test func inheritingTemplatesReplaceTheirParentsBlocks() throws {
        let partials = [
            "layout": "<title>{{$title}}Portal{{/title}}</title>\n<main>\n{{$content}}{{/content}}\n</main>\n",
            "article": "{{<layout}}{{$title}}Article{{/title}}{{/layout}}",
        ]
        #expect(try render("{{<layout}}{{$content}}\n<p>{{text}}</p>\n{{/content}}{{/layout}}\n", partials: partials, ["text": .text("Hi")])
            == "<title>Portal</title>\n<main>\n<p>Hi</p>\n\n</main>\n")
        // The outermost template's block wins over the one of the template it inherits from.
        #expect(try render("{{<article}}{{$title}}Mine{{/title}}{{/article}}", partials: partials) == "<title>Mine</title>\n<main>\n\n</main>\n")
        #expect(try render("{{<article}}{{/article}}", partials: partials) == "<title>Article</title>\n<main>\n\n</main>\n")
    }

    @Test func transformsApplyInnermostFirst() throws {
        let values: [String: TemplateValue] = [
            "one": .number(1), "two": .number(2), "summary": .text(""), "people": items("Ana", "Bo", "Cy"), "word": .text("oslo"),
        ]
        #expect(try render("{{#equalzero(minusone(one))}}single{{/equalzero(minusone(one))}}{{^equalzero(minusone(two))}} many{{/equalzero(minusone(two))}}", values)
            == "single many")
        #expect(try render("{{#empty(summary)}}no summary{{/empty(summary)}}", values) == "no summary")
        #expect(try render("{{count(people)}} {{#first(people)}}{{name}}{{/first(people)}} {{#reversed(people)}}{{name}}{{/reversed(people)}}", values)
            == "3 Ana CyBoAna")
        #expect(try render("{{#people}}{{name}}{{^last()}}, {{/last()}}{{/people}} {{uppercased(word)}} {{plusone(two)}}", values)
            == "Ana, Bo, Cy OSLO 3")
        #expect(try render("{{#people}}{{index()}}{{#first()}}*{{/first()}}{{/people}}", values) == "0*12")
    }

    @Test func delimitersCanBeChanged() throws {
        #expect(try render("{{=<% %>=}}<% name %> {{name}} <%={{ }}=%>{{name}}", ["name": .text("x")]) == "x {{name}} x")
    }

    @Test func badTemplatesFailAtTheTag() throws {
        let unclosedTag = try #require(failure("<p>\n{{title}\n"))
        #expect(unclosedTag.offset == 11)
        #expect(unclosedTag.message.contains("not closed"))

        let unclosedSection = try #require(failure("<p>\n  {{#items}}\n<li>\n"))
        #expect(unclosedSection.offset == 6)
        #expect(unclosedSection.message == "`items` is opened but never closed")

        let wrongClose = try #require(failure("{{#a}}x{{/b}}"))
        #expect(wrongClose.message.contains("closed with another name"))

        let unknownTransform = try #require(failure("{{#emtpy(summary)}}{{/emtpy(summary)}}"))
        #expect(unknownTransform.message.contains("unknown transform `emtpy`"))
        #expect(unknownTransform.message.contains("empty"))

        #expect(failure("{{<layout}}{{title}}{{/layout}}")?.message.contains("only blocks") == true)
        #expect(failure("{{% CONTENT_TYPE: TEXT }}")?.message.contains("unknown pragma") == true)
        #expect(failure("{{> *dynamic}}")?.message.contains("not supported") == true)
        #expect(failure("{{=<% =}}") != nil)
        #expect(failure("{{! open comment") != nil)
        #expect(failure("{{a(b}}") != nil)
    }
}
