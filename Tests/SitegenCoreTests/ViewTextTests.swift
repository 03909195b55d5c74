import Testing
@testable import SitegenCore

struct ViewTextTests {
    @Test func partnerNamesThatTakeThe() {
        for name in ["Philippines", "United States", "United Kingdom", "United Nations", "Netherlands", "G7",
                     "Sasakawa Peace Foundation USA", "Nordic Military Operation Gender Centre", "ADMM-Plus",
                     "International Red Cross and Red Crescent Movement", "Pacific Island Countries", "European Union"] {
            #expect(PartnerName.takesThe(name), "\(name)")
        }
        for name in ["Australia", "Fiji", "Lao PDR", "NATO", "ASEAN", "IOM", "OSCE", "UNHCR", "Waseda University",
                     "Papua New Guinea", "Timor-Leste", "Ukraine", "Saudi Arabia", "The Gambia", "Unitedland"] {
            #expect(!PartnerName.takesThe(name), "\(name)")
        }
    }

    @Test func structuredDataStringsCannotCloseTheScript() {
        let text = "</script><!-- \"quoted\" & back\\slash\nline \u{2028}\u{1}"
        let json = StructuredData.string(text)
        #expect(!json.contains("</") && !json.contains("<!--") && !json.contains("&") && !json.contains(">"))
        #expect(json == "\"\\u003c/script\\u003e\\u003c!-- \\\"quoted\\\" \\u0026 back\\\\slash\\nline \\u2028\\u0001\"")
        #expect(StructuredData.object([("a", StructuredData.string("b")), ("n", "1")]) == "{\"a\":\"b\",\"n\":1}")
    }
}
