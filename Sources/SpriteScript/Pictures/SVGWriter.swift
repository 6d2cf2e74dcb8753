/// A small builder of SVG text: elements, attributes in the order written, escaped text, and numbers with at
/// most two decimals, so the same picture is always the same bytes (no locale, no shortest-float printing).
///
/// Every picture (sequence diagram, timeline, chart) is a pure function from a run's records to one of these.
public struct SVGWriter {
    public private(set) var width: Double
    public private(set) var height: Double
    private var body = ""
    private var open: [String] = []
    private var depth = 1

    /// A picture `width` × `height` user units.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Grows the canvas (drawings that learn their height as they go).
    public mutating func resize(width: Double? = nil, height: Double? = nil) {
        if let width { self.width = width }
        if let height { self.height = height }
    }

    /// An element with no children: `<name a="1"/>`, or `<name a="1">text</name>` when `text` is given.
    public mutating func element(_ name: String, _ attributes: [SVGAttribute] = [], text: String? = nil) {
        indent()
        body += "<" + name + Self.render(attributes)
        if let text {
            body += ">" + Self.escape(text) + "</" + name + ">\n"
        } else {
            body += "/>\n"
        }
    }

    /// Opens an element whose children follow, up to the matching `close()`.
    public mutating func begin(_ name: String, _ attributes: [SVGAttribute] = []) {
        indent()
        body += "<" + name + Self.render(attributes) + ">\n"
        open.append(name)
        depth += 1
    }

    /// Closes the element the last `begin` opened (nothing when none is open).
    public mutating func end() {
        guard let name = open.popLast() else { return }
        depth -= 1
        indent()
        body += "</" + name + ">\n"
    }

    /// A `<title>` child: the hover text browsers show for its parent.
    public mutating func title(_ text: String) { element("title", text: text) }

    /// The whole document; elements left open are closed.
    public func rendered(style: String = "") -> String {
        var copy = self
        while !copy.open.isEmpty { copy.end() }
        var text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" "
        text += "height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\">\n"
        if !style.isEmpty { text += "  <style>\n" + Self.escape(style) + "\n  </style>\n" }
        return text + copy.body + "</svg>\n"
    }

    private mutating func indent() { body += String(repeating: "  ", count: depth) }

    private static func render(_ attributes: [SVGAttribute]) -> String {
        var text = ""
        for attribute in attributes { text += " " + attribute.name + "=\"" + escape(attribute.value) + "\"" }
        return text
    }

    /// The largest magnitude a number in a picture takes. Far past any canvas, and small enough that its
    /// hundredths fit an Int64: a coordinate computed from a huge user value is drawn off the page, not a trap.
    public static let bound = 1e12

    /// `value` with at most two decimals, trailing zeros dropped, no exponent: `12`, `12.5`, `-0.25`.
    /// Values that are not finite are drawn at 0 (a picture never holds `nan`); others are held within `bound`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int64((min(bound, max(-bound, value)) * 100).rounded())
        let magnitude = hundredths.magnitude
        var text = hundredths < 0 ? "-" : ""
        text += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return text
    }

    /// Text safe inside XML content and attribute values: markup characters escaped, and the characters XML 1.0
    /// forbids (controls other than tab, newline and return) replaced by U+FFFD, bidi and invisible characters
    /// escaped as the terminal shows them.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                let forbidden = scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                if !forbidden && TerminalText.isInvisible(scalar) {
                    // A bidi or invisible character would reverse or hide the text around it: shown escaped.
                    escaped += TerminalText.escape(String(scalar))
                } else {
                    escaped.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
                }
            }
        }
        return escaped
    }
}

/// One attribute of an SVG element; numbers go through `SVGWriter.number`.
public struct SVGAttribute: Sendable, Equatable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public init(_ name: String, _ value: Double) {
        self.init(name, SVGWriter.number(value))
    }

    public init(_ name: String, _ value: Int) {
        self.init(name, String(value))
    }
}
