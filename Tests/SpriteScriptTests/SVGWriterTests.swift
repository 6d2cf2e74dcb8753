#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif
import SpriteScript
import Testing

@Suite("SVG writer")
struct SVGWriterTests {
    @Test("numbers keep at most two decimals and never an exponent or nan")
    func numbers() {
        #expect(SVGWriter.number(12) == "12")
        #expect(SVGWriter.number(12.5) == "12.5")
        #expect(SVGWriter.number(12.504) == "12.5")
        #expect(SVGWriter.number(0.05) == "0.05")
        #expect(SVGWriter.number(-0.25) == "-0.25")
        #expect(SVGWriter.number(1e12) == "1000000000000")
        #expect(SVGWriter.number(.nan) == "0")
        #expect(SVGWriter.number(-.infinity) == "0")
    }

    @Test("markup and characters XML forbids are escaped")
    func escaping() {
        #expect(SVGWriter.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
        #expect(SVGWriter.escape("bell\u{7}\ttab") == "bell\u{FFFD}\ttab")
    }

    @Test("a document with hostile text parses as XML, with its elements nested as written")
    func parsesAsXML() throws {
        var svg = SVGWriter(width: 200, height: 100.5)
        svg.begin("g", [SVGAttribute("class", "arrow rpc")])
        svg.element("line", [SVGAttribute("x1", 10), SVGAttribute("y1", 2.25), SVGAttribute("x2", 190)])
        svg.title("read /etc/<passwd> & \u{0}\u{1B}[31m")
        svg.end()
        svg.element("text", [SVGAttribute("x", 5)], text: "node \"a\"")
        svg.begin("g")
        let text = svg.rendered(style: ".arrow > line { stroke: red; }")
        let document = try XMLDocument(xmlString: text)
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        #expect(attribute("viewBox", of: root) == "0 0 200 100.5")
        let group = try #require(root.elements(forName: "g").first)
        #expect(attribute("class", of: group) == "arrow rpc")
        #expect(group.elements(forName: "title").first?.stringValue == "read /etc/<passwd> & \u{FFFD}\u{FFFD}[31m")
        let style = root.elements(forName: "style").first?.stringValue ?? ""
        #expect(style.trimmingCharacters(in: .whitespacesAndNewlines) == ".arrow > line { stroke: red; }")
        #expect(root.elements(forName: "g").count == 2, "the group left open is closed")
    }

    /// The attribute's value by name (namespaced documents make `attribute(forName:)` miss on Linux).
    private func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }
}
