import Testing
@testable import SitegenCore

/// The template engine checked case by case against the behaviours the Mustache specification
/// (github.com/mustache/spec, v1.4) defines for the parts the engine claims: interpolation and
/// escaping, sections, inverted sections, partials, comments, set delimiters and inheritance
/// (the optional `~inheritance` module). Each specification case has a case here of the same
/// name, with our own template and data, checking what that case checks; a few more cases
/// check the engine's own choices where the specification says nothing.
///
/// ## Deliberate differences from the specification
///
/// Where the engine differs on purpose, the case below tests what the engine does instead:
///
/// - **Decimals.** Views hand templates whole numbers (`TemplateValue.number(Int)`) or text,
///   never floating-point values: a view formats its decimals itself (the "Decimal
///   Interpolation" and "Implicit Iterator - Decimal" cases give the decimal as text).
/// - **Escaping.** Besides `&`, `"`, `<` and `>`, `{{name}}` escapes `'` as `&#39;` and drops
///   control characters other than tab, line feed and carriage return (HTML cannot hold them).
/// - **The data at the root is a view**, an object answering names, never a bare string, number
///   or list. The "Implicit Iterators" interpolation cases and "Implicit Iterator - Root-level"
///   use the value as a section's current value instead, and `{{#.}}` at the root renders its
///   content once, with the root view.
/// - **A partial the templates folder does not have** is an error at its file, line and column
///   when the theme loads (`TemplateLibrary`); the renderer on its own renders it as nothing
///   ("Failed Lookup"; the load error is checked by `themesAreCheckedWhenTheyLoad`).
/// - **A name no view answers** is an error where it is written when the theme loads
///   (`TemplateVocabulary`, checked in `BadInputTests`), not an empty string. A name a view
///   answers without a value at render time (an absent optional) still renders as nothing, as
///   the null and context-miss cases check.
/// - **A template that includes itself outside any section**, directly or through a parent or
///   block, is refused when the theme loads, even when a block override would end the
///   recursion: inheritance "Recursion" renders as specified, but a theme written so does not
///   load (`themesAreCheckedWhenTheyLoad`).
/// - **Names are ASCII** letters, digits and `.-_?*()` (parentheses apply transforms such as
///   `empty(summary)`); **dynamic names** (`{{>*name}}`) and **lambdas** are not supported.
@Suite struct MustacheSpecTests {
    // MARK: Interpolation

    static let interpolationCases: [SpecCase] = [
        SpecCase("No Interpolation", "Text with {single} braces stays as it is.\n",
                 expected: "Text with {single} braces stays as it is.\n"),
        SpecCase("Basic Interpolation", "Good morning, {{town}}!\n", ["town": "Lisbon"],
                 expected: "Good morning, Lisbon!\n"),
        SpecCase("No Re-interpolation", "{{snippet}} / {{city}}", ["snippet": "{{city}}", "city": "Quito"],
                 expected: "{{city}} / Quito"),
        SpecCase("HTML Escaping", "Escaped: {{markup}}\n", ["markup": "x < y & \"z\" > w"],
                 expected: "Escaped: x &lt; y &amp; &quot;z&quot; &gt; w\n"),
        SpecCase("Triple Mustache", "Raw: {{{markup}}}\n", ["markup": "x < y & \"z\" > w"],
                 expected: "Raw: x < y & \"z\" > w\n"),
        SpecCase("Ampersand", "Raw: {{&markup}}\n", ["markup": "x < y & \"z\" > w"],
                 expected: "Raw: x < y & \"z\" > w\n"),
        SpecCase("Basic Integer Interpolation", "({{count}} pages)", ["count": 312], expected: "(312 pages)"),
        SpecCase("Triple Mustache Integer Interpolation", "({{{count}}} pages)", ["count": 312], expected: "(312 pages)"),
        SpecCase("Ampersand Integer Interpolation", "({{&count}} pages)", ["count": 312], expected: "(312 pages)"),
        // Deliberate difference: no floating-point values; a view gives a decimal as text.
        SpecCase("Basic Decimal Interpolation", "[{{ratio}} to one]", ["ratio": "2.75"], expected: "[2.75 to one]"),
        SpecCase("Triple Mustache Decimal Interpolation", "[{{{ratio}}} to one]", ["ratio": "2.75"], expected: "[2.75 to one]"),
        SpecCase("Ampersand Decimal Interpolation", "[{{&ratio}} to one]", ["ratio": "2.75"], expected: "[2.75 to one]"),
        SpecCase("Basic Null Interpolation", "Nothing: <{{absent}}>", ["absent": nil], expected: "Nothing: <>"),
        SpecCase("Triple Mustache Null Interpolation", "Nothing: <{{{absent}}}>", ["absent": nil], expected: "Nothing: <>"),
        SpecCase("Ampersand Null Interpolation", "Nothing: <{{&absent}}>", ["absent": nil], expected: "Nothing: <>"),
        SpecCase("Basic Context Miss Interpolation", "Nothing: <{{unknown}}>", expected: "Nothing: <>"),
        SpecCase("Triple Mustache Context Miss Interpolation", "Nothing: <{{{unknown}}}>", expected: "Nothing: <>"),
        SpecCase("Ampersand Context Miss Interpolation", "Nothing: <{{&unknown}}>", expected: "Nothing: <>"),
        SpecCase("Dotted Names - Basic Interpolation", "{{author.surname}}={{#author}}{{surname}}{{/author}}",
                 ["author": ["surname": "Okafor"]], expected: "Okafor=Okafor"),
        SpecCase("Dotted Names - Triple Mustache Interpolation", "{{{author.surname}}}={{#author}}{{{surname}}}{{/author}}",
                 ["author": ["surname": "Okafor"]], expected: "Okafor=Okafor"),
        SpecCase("Dotted Names - Ampersand Interpolation", "{{&author.surname}}={{#author}}{{&surname}}{{/author}}",
                 ["author": ["surname": "Okafor"]], expected: "Okafor=Okafor"),
        SpecCase("Dotted Names - Arbitrary Depth", "<{{v.w.x.y.z.label}}>",
                 ["v": ["w": ["x": ["y": ["z": ["label": "deep"]]]]]], expected: "<deep>"),
        SpecCase("Dotted Names - Broken Chains", "<{{v.w.x}}>", ["v": [:]], expected: "<>"),
        SpecCase("Dotted Names - Broken Chain Resolution", "<{{v.w.x.label}}>",
                 ["v": ["w": [:]], "x": ["label": "outer"]], expected: "<>"),
        SpecCase("Dotted Names - Initial Resolution", "<{{#v}}{{w.x.label}}{{/v}}>",
                 ["v": ["w": ["x": ["label": "inner"]]], "w": ["x": ["label": "outer"]]], expected: "<inner>"),
        SpecCase("Dotted Names - Context Precedence", "<{{#v}}{{w.x}}{{/v}}>",
                 ["v": ["w": [:]], "w": ["x": "outer"]], expected: "<>"),
        SpecCase("Dotted Names are never single keys", "<{{v.w}}>", ["v.w": "flat"], expected: "<>"),
        SpecCase("Dotted Names - No Masking", "<{{v.w}}>", ["v.w": "flat", "v": ["w": "nested"]], expected: "<nested>"),
        SpecCase("Dotted Names - Leading Dot", "{{#v}}{{.label}}{{/v}}|{{#w}}{{.label}}{{/w}}",
                 ["v": [:], "w": ["label": "own"], "label": "outer"], expected: "|own"),
        // Deliberate difference: the root is a view, so the value is a section's current value.
        SpecCase("Implicit Iterators - Basic Interpolation", "Good morning, {{#it}}{{.}}{{/it}}!\n", ["it": "Lisbon"],
                 expected: "Good morning, Lisbon!\n"),
        SpecCase("Implicit Iterators - HTML Escaping", "Escaped: {{#it}}{{.}}{{/it}}\n", ["it": "x < y & \"z\" > w"],
                 expected: "Escaped: x &lt; y &amp; &quot;z&quot; &gt; w\n"),
        SpecCase("Implicit Iterators - Triple Mustache", "Raw: {{#it}}{{{.}}}{{/it}}\n", ["it": "x < y & \"z\" > w"],
                 expected: "Raw: x < y & \"z\" > w\n"),
        SpecCase("Implicit Iterators - Ampersand", "Raw: {{#it}}{{&.}}{{/it}}\n", ["it": "x < y & \"z\" > w"],
                 expected: "Raw: x < y & \"z\" > w\n"),
        SpecCase("Implicit Iterators - Basic Integer Interpolation", "({{#it}}{{.}}{{/it}} pages)", ["it": 312],
                 expected: "(312 pages)"),
        SpecCase("Interpolation - Surrounding Whitespace", "[ {{dash}} ]", ["dash": "~~"], expected: "[ ~~ ]"),
        SpecCase("Triple Mustache - Surrounding Whitespace", "[ {{{dash}}} ]", ["dash": "~~"], expected: "[ ~~ ]"),
        SpecCase("Ampersand - Surrounding Whitespace", "[ {{&dash}} ]", ["dash": "~~"], expected: "[ ~~ ]"),
        SpecCase("Interpolation - Standalone", "   {{dash}}\n", ["dash": "~~"], expected: "   ~~\n"),
        SpecCase("Triple Mustache - Standalone", "   {{{dash}}}\n", ["dash": "~~"], expected: "   ~~\n"),
        SpecCase("Ampersand - Standalone", "   {{&dash}}\n", ["dash": "~~"], expected: "   ~~\n"),
        SpecCase("Interpolation With Padding", "[{{  dash  }}]", ["dash": "~~"], expected: "[~~]"),
        SpecCase("Triple Mustache With Padding", "[{{{  dash  }}}]", ["dash": "~~"], expected: "[~~]"),
        SpecCase("Ampersand With Padding", "[{{&  dash  }}]", ["dash": "~~"], expected: "[~~]"),
        // Deliberate difference: `'` is escaped too, and control characters are dropped.
        SpecCase("Escaping of apostrophes and control characters", "{{quote}}|{{{quote}}}", ["quote": "it's\u{1}\tok"],
                 expected: "it&#39;s\tok|it's\u{1}\tok"),
    ]

    @Test(arguments: interpolationCases) func interpolation(_ specCase: SpecCase) throws {
        try specCase.check()
    }

    // MARK: Sections

    static let sectionsCases: [SpecCase] = [
        SpecCase("Truthy", "<{{#on}}shown{{/on}}>", ["on": true], expected: "<shown>"),
        SpecCase("Falsey", "<{{#on}}hidden{{/on}}>", ["on": false], expected: "<>"),
        SpecCase("Null is falsey", "<{{#absent}}hidden{{/absent}}>", ["absent": nil], expected: "<>"),
        SpecCase("Context", "<{{#author}}By {{surname}}.{{/author}}>", ["author": ["surname": "Okafor"]],
                 expected: "<By Okafor.>"),
        SpecCase("Parent contexts", "<{{#inner}}{{first}}, {{second}}, {{third.leaf}}{{/inner}}>",
                 ["first": "one", "second": "outer", "inner": ["second": "two"], "third": ["leaf": "three"]],
                 expected: "<one, two, three>"),
        SpecCase("Variable test", "<{{#word}}{{.}} means {{word}}{{/word}}>", ["word": "ja"], expected: "<ja means ja>"),
        SpecCase("List Contexts",
                 "{{#shelves}}{{#books}}{{shelf.short}}{{title}}:{{#pages}}{{shelf.long}}{{title}}{{number}};{{/pages}}{{/books}}{{/shelves}}",
                 ["shelves": [["shelf": ["long": "S", "short": "s"],
                               "books": [["title": "7", "pages": [["number": "p"], ["number": "q"]]]]]]],
                 expected: "s7:S7p;S7q;"),
        SpecCase("Deeply Nested Contexts", """
            {{#p}}
            {{x1}}
            {{#q}}
            {{x1}}{{x2}}{{x1}}
            {{#r}}
            {{x1}}{{x2}}{{x3}}{{x2}}{{x1}}
            {{#s}}
            {{x1}}{{x2}}{{x3}}{{x4}}{{x3}}{{x2}}{{x1}}
            {{#x5}}
            {{x1}}{{x2}}{{x3}}{{x4}}{{x5}}{{x4}}{{x3}}{{x2}}{{x1}}
            {{x1}}{{x2}}{{x3}}{{x4}}{{.}}*{{.}}{{x4}}{{x3}}{{x2}}{{x1}}
            {{x1}}{{x2}}{{x3}}{{x4}}{{x5}}{{x4}}{{x3}}{{x2}}{{x1}}
            {{/x5}}
            {{x1}}{{x2}}{{x3}}{{x4}}{{x3}}{{x2}}{{x1}}
            {{/s}}
            {{x1}}{{x2}}{{x3}}{{x2}}{{x1}}
            {{/r}}
            {{x1}}{{x2}}{{x1}}
            {{/q}}
            {{x1}}
            {{/p}}

            """,
                 ["p": ["x1": "a"], "q": ["x2": "b"], "r": ["x3": "c", "s": ["x4": "d", "x5": "e"]]],
                 expected: "a\naba\nabcba\nabcdcba\nabcdedcba\nabcde*edcba\nabcdedcba\nabcdcba\nabcba\naba\na\n"),
        SpecCase("List", "<{{#rows}}{{n}}{{/rows}}>", ["rows": [["n": 7], ["n": 8], ["n": 9]]], expected: "<789>"),
        SpecCase("Empty List", "<{{#rows}}any row{{/rows}}>", ["rows": []], expected: "<>"),
        SpecCase("Strings Not Lists", "<{{#digits}}once{{/digits}}>", ["digits": "789"], expected: "<once>"),
        SpecCase("Doubled", """
            {{#on}}
            - alpha
            {{/on}}
            - {{middle}}
            {{#on}}
            - gamma
            {{/on}}

            """, ["on": true, "middle": "beta"], expected: "- alpha\n- beta\n- gamma\n"),
        SpecCase("Nested (Truthy)", "[ 1 {{#on}}2 {{#on}}3{{/on}} 4{{/on}} 5 ]", ["on": true], expected: "[ 1 2 3 4 5 ]"),
        SpecCase("Nested (Falsey)", "[ 1 {{#on}}2 {{#on}}3{{/on}} 4{{/on}} 5 ]", ["on": false], expected: "[ 1  5 ]"),
        SpecCase("Context Misses", "({{#unknown}}there is an unknown{{/unknown}})", expected: "()"),
        SpecCase("Implicit Iterator - String", "<{{#letters}}[{{.}}]{{/letters}}>", ["letters": ["x", "y", "z"]],
                 expected: "<[x][y][z]>"),
        SpecCase("Implicit Iterator - Integer", "<{{#numbers}}[{{.}}]{{/numbers}}>", ["numbers": [10, 20, 30]],
                 expected: "<[10][20][30]>"),
        // Deliberate difference: no floating-point values; a view gives decimals as text.
        SpecCase("Implicit Iterator - Decimal", "<{{#numbers}}[{{.}}]{{/numbers}}>", ["numbers": ["0.5", "1.25"]],
                 expected: "<[0.5][1.25]>"),
        SpecCase("Implicit Iterator - Array", "<{{#grid}}[{{#.}}{{.}}{{/.}}]{{/grid}}>", ["grid": [[4, 5, 6], ["d", "e"]]],
                 expected: "<[456][de]>"),
        SpecCase("Implicit Iterator - HTML Escaping", "<{{#marks}}[{{.}}]{{/marks}}>", ["marks": ["&", "\"", "<", ">"]],
                 expected: "<[&amp;][&quot;][&lt;][&gt;]>"),
        SpecCase("Implicit Iterator - Triple mustache", "<{{#marks}}[{{{.}}}]{{/marks}}>", ["marks": ["&", "\"", "<", ">"]],
                 expected: "<[&][\"][<][>]>"),
        SpecCase("Implicit Iterator - Ampersand", "<{{#marks}}[{{&.}}]{{/marks}}>", ["marks": ["&", "\"", "<", ">"]],
                 expected: "<[&][\"][<][>]>"),
        // Deliberate difference: the root is a view. A list as the current value is iterated by
        // `{{#.}}`, and `{{#.}}` at the root renders once with the root view.
        SpecCase("Implicit Iterator - Root-level", "<{{#pages}}{{#.}}[{{n}}]{{/.}}{{/pages}}|{{#.}}[{{n}}]{{/.}}>",
                 ["pages": [[["n": "i"], ["n": "ii"]]], "n": "root"], expected: "<[i][ii]|[root]>"),
        SpecCase("Dotted Names - Truthy", "<{{#v.w.on}}yes{{/v.w.on}}>", ["v": ["w": ["on": true]]], expected: "<yes>"),
        SpecCase("Dotted Names - Falsey", "<{{#v.w.on}}yes{{/v.w.on}}>", ["v": ["w": ["on": false]]], expected: "<>"),
        SpecCase("Dotted Names - Broken Chains", "<{{#v.w.on}}yes{{/v.w.on}}>", ["v": [:]], expected: "<>"),
        SpecCase("Surrounding Whitespace", " [ {{#on}}\t*\t{{/on}} ] \n", ["on": true], expected: " [ \t*\t ] \n"),
        SpecCase("Internal Whitespace", " [ {{#on}} {{! keep the spaces }}\n {{/on}} ] \n", ["on": true],
                 expected: " [  \n  ] \n"),
        SpecCase("Indented Inline Sections", "  {{#on}}one{{/on}}\n  {{#on}}two{{/on}}\n", ["on": true],
                 expected: "  one\n  two\n"),
        SpecCase("Standalone Lines", "first\n{{#on}}\nmiddle\n{{/on}}\nlast\n", ["on": true],
                 expected: "first\nmiddle\nlast\n"),
        SpecCase("Indented Standalone Lines", "first\n   {{#on}}\nmiddle\n \t {{/on}}\nlast\n", ["on": true],
                 expected: "first\nmiddle\nlast\n"),
        SpecCase("Standalone Line Endings", "[\r\n{{#on}}\r\n{{/on}}\r\n]", ["on": true], expected: "[\r\n]"),
        SpecCase("Standalone Without Previous Line", "   {{#on}}\n*{{/on}}\nend", ["on": true], expected: "*\nend"),
        SpecCase("Standalone Without Newline", "*{{#on}}\nend\n   {{/on}}", ["on": true], expected: "*\nend\n"),
        SpecCase("Padding", "[{{#  on  }}*{{/  on  }}]", ["on": true], expected: "[*]"),
    ]

    @Test(arguments: sectionsCases) func sections(_ specCase: SpecCase) throws {
        try specCase.check()
    }

    // MARK: Inverted sections

    static let invertedSectionsCases: [SpecCase] = [
        SpecCase("Falsey", "<{{^on}}shown{{/on}}>", ["on": false], expected: "<shown>"),
        SpecCase("Truthy", "<{{^on}}hidden{{/on}}>", ["on": true], expected: "<>"),
        SpecCase("Null is falsey", "<{{^absent}}shown{{/absent}}>", ["absent": nil], expected: "<shown>"),
        SpecCase("Context", "<{{^author}}By {{surname}}.{{/author}}>", ["author": ["surname": "Okafor"]], expected: "<>"),
        SpecCase("List", "<{{^rows}}{{n}}{{/rows}}>", ["rows": [["n": 7], ["n": 8]]], expected: "<>"),
        SpecCase("Empty List", "<{{^rows}}no rows{{/rows}}>", ["rows": []], expected: "<no rows>"),
        SpecCase("Doubled", """
            {{^off}}
            - alpha
            {{/off}}
            - {{middle}}
            {{^off}}
            - gamma
            {{/off}}

            """, ["off": false, "middle": "beta"], expected: "- alpha\n- beta\n- gamma\n"),
        SpecCase("Nested (Falsey)", "[ 1 {{^on}}2 {{^on}}3{{/on}} 4{{/on}} 5 ]", ["on": false], expected: "[ 1 2 3 4 5 ]"),
        SpecCase("Nested (Truthy)", "[ 1 {{^on}}2 {{^on}}3{{/on}} 4{{/on}} 5 ]", ["on": true], expected: "[ 1  5 ]"),
        SpecCase("Context Misses", "({{^unknown}}no unknown{{/unknown}})", expected: "(no unknown)"),
        SpecCase("Dotted Names - Truthy", "<{{^v.w.on}}no{{/v.w.on}}>", ["v": ["w": ["on": true]]], expected: "<>"),
        SpecCase("Dotted Names - Falsey", "<{{^v.w.on}}no{{/v.w.on}}>", ["v": ["w": ["on": false]]], expected: "<no>"),
        SpecCase("Dotted Names - Broken Chains", "<{{^v.w.on}}no{{/v.w.on}}>", ["v": [:]], expected: "<no>"),
        SpecCase("Surrounding Whitespace", " [ {{^on}}\t*\t{{/on}} ] \n", ["on": false], expected: " [ \t*\t ] \n"),
        SpecCase("Internal Whitespace", " [ {{^on}} {{! keep the spaces }}\n {{/on}} ] \n", ["on": false],
                 expected: " [  \n  ] \n"),
        SpecCase("Indented Inline Sections", "  {{^on}}one{{/on}}\n  {{^on}}two{{/on}}\n", ["on": false],
                 expected: "  one\n  two\n"),
        SpecCase("Standalone Lines", "first\n{{^on}}\nmiddle\n{{/on}}\nlast\n", ["on": false],
                 expected: "first\nmiddle\nlast\n"),
        SpecCase("Standalone Indented Lines", "first\n   {{^on}}\nmiddle\n \t {{/on}}\nlast\n", ["on": false],
                 expected: "first\nmiddle\nlast\n"),
        SpecCase("Standalone Line Endings", "[\r\n{{^on}}\r\n{{/on}}\r\n]", ["on": false], expected: "[\r\n]"),
        SpecCase("Standalone Without Previous Line", "   {{^on}}\n*{{/on}}\nend", ["on": false], expected: "*\nend"),
        SpecCase("Standalone Without Newline", "*{{^on}}\nend\n   {{/on}}", ["on": false], expected: "*\nend\n"),
        SpecCase("Padding", "[{{^  on  }}*{{/  on  }}]", ["on": false], expected: "[*]"),
    ]

    @Test(arguments: invertedSectionsCases) func invertedSections(_ specCase: SpecCase) throws {
        try specCase.check()
    }

    // MARK: Partials

    static let partialsCases: [SpecCase] = [
        SpecCase("Basic Behavior", "<{{>greeting}}>", partials: ["greeting": "from the partial"], expected: "<from the partial>"),
        // Deliberate difference: the renderer renders a missing partial as nothing, and a theme
        // naming one does not load (`missingPartialIsAnErrorWhenTheThemeLoads`).
        SpecCase("Failed Lookup", "<{{>nowhere}}>", expected: "<>"),
        SpecCase("Context", "<{{>framed}}>", ["word": "inside"], partials: ["framed": "[{{word}}]"], expected: "<[inside]>"),
        SpecCase("Recursion", "{{>tree}}", ["label": "root", "children": [["label": "leaf", "children": []]]],
                 partials: ["tree": "{{label}}({{#children}}{{>tree}}{{/children}})"], expected: "root(leaf())"),
        SpecCase("Nested", "{{>outer}}", ["first": "one", "second": "two"],
                 partials: ["outer": "[{{first}} {{>inner}}]", "inner": "{{second}}?"], expected: "[one two?]"),
        SpecCase("Surrounding Whitespace", "[ {{>tab}} ]", partials: ["tab": "\t*\t"], expected: "[ \t*\t ]"),
        SpecCase("Inline Indentation", "   {{mark}}   {{> two}}\n", ["mark": "#"], partials: ["two": "a\nb"],
                 expected: "   #   a\nb\n"),
        SpecCase("Standalone Line Endings", "[\r\n{{>one}}\r\n]", partials: ["one": "*"], expected: "[\r\n*]"),
        SpecCase("Standalone Without Previous Line", "   {{>two}}\nz", partials: ["two": "a\nb"], expected: "   a\n   bz"),
        SpecCase("Standalone Without Newline", "z\n   {{>two}}", partials: ["two": "a\nb"], expected: "z\n   a\n   b"),
        SpecCase("Standalone Indentation", "start\n  {{>block}}\nend\n", ["lines": "(\n--)"],
                 partials: ["block": "[\n{{{lines}}}x y{{{lines}}}z\n]\n"],
                 expected: "start\n  [\n  (\n--)x y(\n--)z\n  ]\nend\n"),
        SpecCase("Padding Whitespace", "[{{>   pair   }}]", ["on": true], partials: ["pair": "()"], expected: "[()]"),
    ]

    @Test(arguments: partialsCases) func partials(_ specCase: SpecCase) throws {
        try specCase.check()
    }

    // MARK: Comments

    static let commentsCases: [SpecCase] = [
        SpecCase("Inline", "abc{{! not shown }}def", expected: "abcdef"),
        SpecCase("Multiline", "abc{{!\n  over\n  several lines\n}}def\n", expected: "abcdef\n"),
        SpecCase("Standalone", "first\n{{! on its own line }}\nlast\n", expected: "first\nlast\n"),
        SpecCase("Indented Standalone", "first\n \t {{! indented, on its own line }}\nlast\n", expected: "first\nlast\n"),
        SpecCase("Standalone Line Endings", "[\r\n{{! alone }}\r\n]", expected: "[\r\n]"),
        SpecCase("Standalone Without Previous Line", "   {{! first line, alone }}\nz", expected: "z"),
        SpecCase("Standalone Without Newline", "z\n   {{! last line, alone }}", expected: "z\n"),
        SpecCase("Multiline Standalone", "first\n{{!\nspread over\nlines\n}}\nlast\n", expected: "first\nlast\n"),
        SpecCase("Indented Multiline Standalone", "first\n  {{!\n    spread over\n    lines\n  }}\nlast\n",
                 expected: "first\nlast\n"),
        SpecCase("Indented Inline", "  ab {{! cd }}\n", expected: "  ab \n"),
        SpecCase("Surrounding Whitespace", "abc {{! gone }} def", expected: "abc  def"),
        SpecCase("Variable Name Collision", "[{{! remark }}]",
                 ["! remark": "1", "! remark ": "2", "!remark": "3", "remark": "4"], expected: "[]"),
    ]

    @Test(arguments: commentsCases) func comments(_ specCase: SpecCase) throws {
        try specCase.check()
    }

    // MARK: Set delimiters

    static let setDelimitersCases: [SpecCase] = [
        SpecCase("Pair Behavior", "{{=<< >>=}}[<<word>>]", ["word": "ok"], expected: "[ok]"),
        SpecCase("Special Characters", "[{{=( )=}}(word)]", ["word": "still ok"], expected: "[still ok]"),
        SpecCase("Special Characters (in partial and section tags)", "[{{=( )=}}(>piece)(#on)!(/on)]", ["word": "ok", "on": true],
                 partials: ["piece": "{{word}}"], expected: "[ok!]"),
        SpecCase("Sections", """
            <
            {{#on}}
              {{word}}
              %word%
            {{/on}}

            {{= % % =}}
            %#on%
              {{word}}
              %word%
            %/on%
            >

            """, ["on": true, "word": "filled"],
                 expected: "<\n  filled\n  %word%\n\n  {{word}}\n  filled\n>\n"),
        SpecCase("Inverted Sections", """
            <
            {{^off}}
              {{word}}
              %word%
            {{/off}}

            {{= % % =}}
            %^off%
              {{word}}
              %word%
            %/off%
            >

            """, ["off": false, "word": "filled"],
                 expected: "<\n  filled\n  %word%\n\n  {{word}}\n  filled\n>\n"),
        SpecCase("Partial Inheritence", "( {{>piece}} )\n{{= % % =}}\n( %>piece% )\n", ["word": "in"],
                 partials: ["piece": "-{{word}}-"], expected: "( -in- )\n( -in- )\n"),
        SpecCase("Post-Partial Behavior", "( {{>piece}} )\n( -{{word}}-  -%word%- )\n", ["word": "in"],
                 partials: ["piece": "-{{word}}- {{= % % =}} -%word%-"],
                 expected: "( -in-  -in- )\n( -in-  -%word%- )\n"),
        SpecCase("Surrounding Whitespace", "[ {{=# #=}} ]", expected: "[  ]"),
        SpecCase("Outlying Whitespace (Inline)", " [ {{=# #=}}\n", expected: " [ \n"),
        SpecCase("Standalone Tag", "first\n{{=# #=}}\nlast\n", expected: "first\nlast\n"),
        SpecCase("Indented Standalone Tag", "first\n \t {{=# #=}}\nlast\n", expected: "first\nlast\n"),
        SpecCase("Standalone Line Endings", "[\r\n{{= # # =}}\r\n]", expected: "[\r\n]"),
        SpecCase("Standalone Without Previous Line", "   {{=# #=}}\nz", expected: "z"),
        SpecCase("Standalone Without Newline", "z\n   {{=# #=}}", expected: "z\n"),
        SpecCase("Pair with Padding", "[{{=  #    #  =}}]", expected: "[]"),
    ]

    @Test(arguments: setDelimitersCases) func setDelimiters(_ specCase: SpecCase) throws {
        try specCase.check()
    }

    // MARK: Inheritance

    static let inheritanceCases: [SpecCase] = [
        SpecCase("Default", "{{$heading}}Untitled{{/heading}}\n", expected: "Untitled\n"),
        SpecCase("Variable", "{{$note}}note: {{word}}.{{/note}}\n", ["word": "kept"], expected: "note: kept.\n"),
        SpecCase("Triple Mustache", "{{$note}}note: {{{word}}}.{{/note}}\n", ["word": "<i>"], expected: "note: <i>.\n"),
        SpecCase("Sections", "{{$note}}note: {{#thing}}{{part}}{{/thing}}.{{/note}}\n", ["thing": ["part": "in"]],
                 expected: "note: in.\n"),
        SpecCase("Negative Sections", "{{$note}}note: {{^thing}}{{part}}{{/thing}}.{{/note}}\n", ["part": "out"],
                 expected: "note: out.\n"),
        SpecCase("Mustache Injection", "{{$note}}note: {{#thing}}{{part}}{{/thing}}.{{/note}}\n",
                 ["thing": ["part": "{{word}}"]], expected: "note: {{word}}.\n"),
        SpecCase("Inherit", "{{<base}}{{/base}}\n", partials: ["base": "{{$note}}from the base{{/note}}"],
                 expected: "from the base"),
        SpecCase("Overridden content", "{{<base}}{{$heading}}Chapter one{{/heading}}{{/base}}",
                 partials: ["base": "<{{$heading}}Untitled{{/heading}}>"], expected: "<Chapter one>"),
        SpecCase("Data does not override block", "{{<base}}{{$word}}from the child{{/word}}{{/base}}", ["word": "from the data"],
                 partials: ["base": "{{$word}}from the base{{/word}}"], expected: "from the child"),
        SpecCase("Data does not override block default", "{{<base}}{{/base}}", ["word": "from the data"],
                 partials: ["base": "{{$word}}from the base{{/word}}"], expected: "from the base"),
        SpecCase("Overridden parent", "before {{<base}}{{$slot}}replaced{{/slot}}{{/base}}",
                 partials: ["base": "{{$slot}}???{{/slot}}"], expected: "before replaced"),
        SpecCase("Two overridden parents",
                 "go {{<base}}{{$slot}}first{{/slot}}{{/base}} {{<base}}{{$slot}}second{{/slot}}{{/base}}\n",
                 partials: ["base": "({{$slot}}???{{/slot}}{{$rest}} rest{{/rest}})"],
                 expected: "go (first rest) (second rest)\n"),
        SpecCase("Override parent with newlines", "{{<base}}{{$slot}}\nline one\n\nline three\n{{/slot}}{{/base}}",
                 partials: ["base": "{{$slot}}???{{/slot}}"], expected: "line one\n\nline three\n"),
        SpecCase("Inherit indentation", "{{<base}}{{$slot}}replacement{{/slot}}{{/base}}",
                 partials: ["base": "head:\n   {{$slot}}default text{{/slot}}\n"], expected: "head:\n   replacement\n"),
        SpecCase("Only one override", "{{<base}}{{$second}}new second{{/second}}{{/base}}",
                 partials: ["base": "{{$first}}old first{{/first}} & {{$second}}old second{{/second}}"],
                 expected: "old first & new second"),
        SpecCase("Parent template", "{{>base}}/{{<base}}{{/base}}", partials: ["base": "{{$slot}}its default{{/slot}}"],
                 expected: "its default/its default"),
        SpecCase("Recursion", "{{<one}}{{$x}}mine{{/x}}{{/one}}",
                 partials: ["one": "{{$x}}one's x{{/x}} {{$y}}{{<two}}{{/two}}{{/y}}",
                            "two": "{{$x}}two's x{{/x}} {{<one}}{{$y}}stop{{/y}}{{/one}}"],
                 expected: "mine mine mine stop"),
        SpecCase("Multi-level inheritance", "{{<level1}}{{$v}}0{{/v}}{{/level1}}",
                 partials: ["level1": "{{<level2}}{{$v}}1{{/v}}{{/level2}}", "level2": "{{<level3}}{{$v}}2{{/v}}{{/level3}}",
                            "level3": "{{$v}}3{{/v}}"], expected: "0"),
        SpecCase("Multi-level inheritance, no sub child", "{{<level1}}{{/level1}}",
                 partials: ["level1": "{{<level2}}{{$v}}1{{/v}}{{/level2}}", "level2": "{{<level3}}{{$v}}2{{/v}}{{/level3}}",
                            "level3": "{{$v}}3{{/v}}"], expected: "1"),
        SpecCase("Text inside parent (with a block)", "{{<base}} ignored {{$slot}}kept{{/slot}} ignored too {{/base}}",
                 partials: ["base": "{{$slot}}its default{{/slot}}"], expected: "kept"),
        SpecCase("Text inside parent (alone)", "{{<base}} ignored, and ignored too {{/base}}",
                 partials: ["base": "{{$slot}}its default{{/slot}}"], expected: "its default"),
        SpecCase("Block scope", "{{<base}}{{$slot}}Child sees {{word}}.{{/slot}}{{/base}}",
                 ["word": "outer", "inner": ["word": "inner"]],
                 partials: ["base": "{{#inner}}{{$slot}}Base sees {{word}}.{{/slot}}{{/inner}}"], expected: "Child sees inner."),
        SpecCase("Standalone parent", "Start\n   {{<base}}{{/base}}\n", partials: ["base": "a\nb\n"],
                 expected: "Start\n   a\n   b\n"),
        SpecCase("Standalone block", "{{<base}}{{$slot}}\na\nb{{/slot}}\n{{/base}}\n", partials: ["base": "Start\n   {{$slot}}{{/slot}}\n"],
                 expected: "Start\n   a\n   b\n"),
        SpecCase("Block reindentation", "{{<base}}{{$slot}}\n      a\n      b\n{{/slot}}{{/base}}\n",
                 partials: ["base": "Start\n   {{$slot}}\n   {{/slot}}\n"], expected: "Start\n   a\n   b\n"),
        SpecCase("Intrinsic indentation", "{{<base}}{{$slot}}\na\nb\n{{/slot}}{{/base}}\n",
                 partials: ["base": "Start\n{{$slot}}\n   default\n{{/slot}}\n"], expected: "Start\n   a\n   b\n"),
        SpecCase("Nested block reindentation", "{{<middle}}{{$inner}}\nc\n{{/inner}}{{/middle}}\n",
                 partials: ["middle": "{{<top}}{{$outer}}\n   a\n   {{$inner}}\n      b\n   {{/inner}}\n{{/outer}}{{/top}}\n",
                            "top": "{{$outer}}default{{/outer}}"],
                 expected: "a\n   c\n"),
        // Not a case of the specification: a block alone on its line with no content of its own
        // has nothing to take an indentation from, and keeps its tag's.
        SpecCase("Standalone block without content", "{{<base}}{{$slot}}\na\nb\n{{/slot}}{{/base}}\n",
                 partials: ["base": "Start\n   {{$slot}}\n{{/slot}}\n"], expected: "Start\n   a\n   b\n"),
    ]

    @Test(arguments: inheritanceCases) func inheritance(_ specCase: SpecCase) throws {
        try specCase.check()
    }

    // MARK: Deliberate differences checked beyond rendering

    /// "Failed Lookup" and "Recursion" render as above, but a theme written so does not load;
    /// names must be ASCII, and dynamic names are not supported.
    @Test func themesAreCheckedWhenTheyLoad() throws {
        let folder = TestSupport.temporaryFolder("mustache-spec") + "/Templates"
        TestSupport.write("<{{>nowhere}}>\n", to: folder + "/missing.mustache")
        TestSupport.write("{{<one}}{{$x}}mine{{/x}}{{/one}}", to: folder + "/recursive.mustache")
        TestSupport.write("{{$x}}one's x{{/x}} {{$y}}{{<two}}{{/two}}{{/y}}", to: folder + "/one.mustache")
        TestSupport.write("{{$x}}two's x{{/x}} {{<one}}{{$y}}stop{{/y}}{{/one}}", to: folder + "/two.mustache")
        var log = DiagnosticLog()
        #expect(TemplateLibrary.readTheme(folder: folder, pathDisplay: PathDisplay(workingDirectory: "/"), log: &log)?.program == nil)
        let errors = log.errors
        #expect(errors.contains { $0.path.hasSuffix("missing.mustache") && $0.line == 1 && $0.column == 2
            && $0.message.contains("no template named `nowhere`") })
        #expect(errors.contains { $0.path.hasSuffix("one.mustache") && $0.message.contains("includes itself (one → two → one)") })

        #expect(throws: TemplateParser.Failure.self) { try TemplateParser.parse("{{café}}") }
        #expect(throws: TemplateParser.Failure.self) { try TemplateParser.parse("{{>*dynamic}}") }
    }
}

// MARK: Cases

/// One case of the specification, in our own words and data.
struct SpecCase: Sendable, CustomTestStringConvertible {
    let name: String
    let template: String
    let data: [String: SpecData]
    let partials: [String: String]
    let expected: String

    init(_ name: String, _ template: String, _ data: [String: SpecData] = [:], partials: [String: String] = [:],
         expected: String) {
        self.name = name
        self.template = template
        self.data = data
        self.partials = partials
        self.expected = expected
    }

    var testDescription: String { name }

    func check(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var templates: [String: [TemplateNode]] = [:]
        for (name, text) in partials { templates[name] = try TemplateParser.parse(text) }
        let output = TemplateRenderer.render(try TemplateParser.parse(template), templates: templates,
                                             context: Values(data.mapValues(\.templateValue)))
        #expect(output == expected, "\(name)", sourceLocation: sourceLocation)
    }
}

/// Data as the specification writes it, in JSON's terms; `nil` is JSON's null.
indirect enum SpecData: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    case text(String)
    case number(Int)
    case bool(Bool)
    case null
    case list([SpecData])
    case object([String: SpecData])

    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int) { self = .number(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: SpecData...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, SpecData)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }
    init(nilLiteral: ()) { self = .null }

    var templateValue: TemplateValue {
        switch self {
        case .text(let text): .text(text)
        case .number(let number): .number(number)
        case .bool(let flag): .bool(flag)
        case .null: .missing
        case .list(let elements): .list(ValueList(values: elements.map(\.templateValue)))
        case .object(let fields): .object(Values(fields.mapValues(\.templateValue)))
        }
    }
}

/// A view made of named values (as in `TemplateEngineTests`).
private final class Values: TemplateObject, @unchecked Sendable {
    let values: [String: TemplateValue]
    init(_ values: [String: TemplateValue]) { self.values = values }
    func value(for key: TemplateKey) -> TemplateValue { values[key.name] ?? .missing }
}

private struct ValueList: TemplateList {
    let values: [TemplateValue]
    var count: Int { values.count }
    func element(at index: Int) -> TemplateValue { values[index] }
}
