/// How a chart tells its series apart: eight colours, and past eight a different dash, marker and bar fill
/// with the same colours, so series 1 and 9 never look alike (up to 32 distinct; more repeat, and the
/// legend's names and the hover titles still say which is which).
struct ChartSeriesStyle {
    /// Colours a reader tells apart, also in grey (dark, light, dark …), in series order.
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
    /// A line's dashes for each round of eight: solid, dashed, dotted, dash-dot.
    static let dashes = ["", "6 3", "2 3", "8 3 2 3"]

    let colour: String
    /// Which round of eight the series is in (0 to 3).
    let variant: Int

    init(_ index: Int) {
        colour = Self.palette[index % Self.palette.count]
        variant = (index / Self.palette.count) % Self.dashes.count
    }

    /// A line's stroke: its colour and dash.
    var lineAttributes: [SVGAttribute] {
        let dash = variant == 0 ? [] : [SVGAttribute("stroke-dasharray", Self.dashes[variant])]
        return [SVGAttribute("stroke", colour)] + dash
    }

    /// A bar's or a legend swatch's fill: solid; pale with a solid edge; solid with a dark dashed edge; white
    /// with a dashed edge in the colour.
    var fillAttributes: [SVGAttribute] {
        switch variant {
        case 0: [SVGAttribute("fill", colour)]
        case 1: [SVGAttribute("fill", colour), SVGAttribute("fill-opacity", "0.35"), SVGAttribute("stroke", colour),
                 SVGAttribute("stroke-width", 2)]
        case 2: [SVGAttribute("fill", colour), SVGAttribute("stroke", "#222"), SVGAttribute("stroke-width", 2),
                 SVGAttribute("stroke-dasharray", "3 2")]
        default: [SVGAttribute("fill", "#ffffff"), SVGAttribute("stroke", colour), SVGAttribute("stroke-width", 2),
                  SVGAttribute("stroke-dasharray", "4 2")]
        }
    }

    /// A point's marker at (x, y): a circle, a square, a triangle or a diamond, in the colour.
    func marker(x: Double, y: Double) -> (name: String, attributes: [SVGAttribute]) {
        let fill = SVGAttribute("fill", colour)
        switch variant {
        case 0: return ("circle", [SVGAttribute("cx", x), SVGAttribute("cy", y), SVGAttribute("r", 3.5), fill])
        case 1: return ("rect", [SVGAttribute("x", x - 3.5), SVGAttribute("y", y - 3.5), SVGAttribute("width", 7),
                                 SVGAttribute("height", 7), fill])
        case 2: return ("polygon", [SVGAttribute("points", TimelinePicture.pointList(
                                        [(x, y - 4.5), (x + 4.5, y + 3.5), (x - 4.5, y + 3.5)])), fill])
        default: return ("polygon", [SVGAttribute("points", TimelinePicture.pointList(
                                         [(x, y - 4.5), (x + 4.5, y), (x, y + 4.5), (x - 4.5, y)])), fill])
        }
    }
}
