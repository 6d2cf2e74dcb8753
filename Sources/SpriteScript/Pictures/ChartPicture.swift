/// A `ChartModel` drawn as SVG: a title, the plot with grid lines, both axes with ticks at 1-2-5 steps (whole
/// numbers on a count's axis) and their titles with units, the series (lines with points, or grouped bars)
/// and a legend at the right.
///
/// Text is monospace at 12px, so the space a label takes is known from its length (7.2px a character) and the
/// layout (ChartLayout) is sized from the labels: x labels that would overlap are turned and thinned, long
/// legend names elided, and the canvas grows to hold them: nothing is drawn over an axis label. Classes for
/// checks and styles: `axis-label` (tick labels and axis titles), `bar`, `point`, `series-line`,
/// `legend-entry`, `grid`.
public enum ChartPicture {
    public static let defaultWidth = 720.0
    public static let defaultHeight = 420.0
    static let characterWidth = 7.2
    static let fontSize = 12.0

    static let style = """
        text { font-family: monospace; font-size: 12px; fill: #222; }
        .chart-title { font-size: 14px; font-weight: bold; }
        .axis { stroke: #222; stroke-width: 1; }
        .grid { stroke: #ddd; stroke-width: 1; }
        .series-line { fill: none; stroke-width: 2; }
        """

    /// The chart as SVG text; the same model always gives the same bytes.
    public static func svg(_ model: ChartModel, width: Double = defaultWidth, height: Double = defaultHeight)
        -> String {
        let layout = ChartLayout(model, width: width, height: height)
        var svg = SVGWriter(width: layout.width, height: layout.height)
        svg.element("rect", [SVGAttribute("width", layout.width), SVGAttribute("height", layout.height),
                             SVGAttribute("fill", "#ffffff")])
        svg.element("text", [SVGAttribute("class", "chart-title"), SVGAttribute("x", layout.left),
                             SVGAttribute("y", 22)], text: model.title)
        drawAxes(layout, &svg)
        if model.series.allSatisfy({ $0.points.isEmpty }) {
            svg.element("text", [SVGAttribute("class", "no-data"), SVGAttribute("x", layout.left + 10),
                                 SVGAttribute("y", layout.top + 20)], text: "no data")
        } else if model.kind == .bar {
            drawBars(layout, &svg)
        } else {
            drawLines(layout, &svg)
        }
        drawLegend(layout, &svg)
        return svg.rendered(style: style)
    }

    private static func drawAxes(_ layout: ChartLayout, _ svg: inout SVGWriter) {
        let (left, right, top, bottom) = (layout.left, layout.right, layout.top, layout.bottom)
        for value in layout.yScale.ticks {
            let y = layout.y(value)
            svg.element("line", [SVGAttribute("class", "grid"), SVGAttribute("x1", left), SVGAttribute("y1", y),
                                 SVGAttribute("x2", right), SVGAttribute("y2", y)])
            svg.element("text", [SVGAttribute("class", "axis-label tick-label"), SVGAttribute("x", left - 6),
                                 SVGAttribute("y", y + 4), SVGAttribute("text-anchor", "end")],
                        text: layout.yScale.label(value))
        }
        for label in layout.xLabels {
            let x = label.x
            svg.element("line", [SVGAttribute("class", "axis"), SVGAttribute("x1", x), SVGAttribute("y1", bottom),
                                 SVGAttribute("x2", x), SVGAttribute("y2", bottom + 4)])
            guard layout.turned else {
                svg.element("text", [SVGAttribute("class", "axis-label tick-label"), SVGAttribute("x", x),
                                     SVGAttribute("y", bottom + 18), SVGAttribute("text-anchor", "middle")],
                            text: label.text)
                continue
            }
            // Turned 45° about its end, just under the tick, reading down to the left.
            let (tx, ty) = (SVGWriter.number(x + 4), SVGWriter.number(bottom + 12))
            // An elided label's whole text is the hover title of a group around it.
            let elided = label.text != label.full
            if elided {
                svg.begin("g")
                svg.title(label.full)
            }
            svg.element("text", [SVGAttribute("class", "axis-label tick-label turned"), SVGAttribute("x", x + 4),
                                 SVGAttribute("y", bottom + 12), SVGAttribute("text-anchor", "end"),
                                 SVGAttribute("transform", "rotate(-45 \(tx) \(ty))")], text: label.text)
            if elided { svg.end() }
        }
        svg.element("line", [SVGAttribute("class", "axis"), SVGAttribute("x1", left), SVGAttribute("y1", bottom),
                             SVGAttribute("x2", right), SVGAttribute("y2", bottom)])
        svg.element("line", [SVGAttribute("class", "axis"), SVGAttribute("x1", left), SVGAttribute("y1", top),
                             SVGAttribute("x2", left), SVGAttribute("y2", bottom)])
        svg.element("text", [SVGAttribute("class", "axis-label axis-title"), SVGAttribute("x", (left + right) / 2),
                             SVGAttribute("y", bottom + layout.titleOffset), SVGAttribute("text-anchor", "middle")],
                    text: layout.model.x.caption)
        let middle = (top + bottom) / 2
        svg.element("text", [SVGAttribute("class", "axis-label axis-title"), SVGAttribute("x", 16),
                             SVGAttribute("y", middle), SVGAttribute("text-anchor", "middle"),
                             SVGAttribute("transform", "rotate(-90 16 \(SVGWriter.number(middle)))")],
                    text: layout.model.y.caption)
    }

    private static func drawLines(_ layout: ChartLayout, _ svg: inout SVGWriter) {
        let model = layout.model
        for (index, series) in model.series.enumerated() where !series.points.isEmpty {
            let style = ChartSeriesStyle(index)
            let points = series.points.sorted { $0.x < $1.x }
            let path = points.map { SVGWriter.number(layout.x($0.x)) + "," + SVGWriter.number(layout.y($0.y)) }
            svg.begin("polyline", [SVGAttribute("class", "series-line"),
                                   SVGAttribute("points", path.joined(separator: " "))] + style.lineAttributes)
            svg.title(series.name)
            svg.end()
            for point in points {
                let marker = style.marker(x: layout.x(point.x), y: layout.y(point.y))
                svg.begin(marker.name, [SVGAttribute("class", "point")] + marker.attributes)
                svg.title("\(series.name): \(describeX(point, model.x)), \(describe(point.y, model.y))")
                svg.end()
            }
        }
    }

    private static func drawBars(_ layout: ChartLayout, _ svg: inout SVGWriter) {
        let model = layout.model
        let groups = layout.groups
        guard !groups.isEmpty else { return }
        let groupWidth = (layout.right - layout.left) / Double(groups.count)
        let drawn = model.series.indices.filter { !model.series[$0].points.isEmpty }
        let barWidth = groupWidth * 0.8 / Double(max(1, drawn.count))
        let zero = layout.y(max(layout.yScale.low, min(0, layout.yScale.high)))
        for (place, index) in drawn.enumerated() {
            let series = model.series[index]
            for point in series.points {
                guard let group = groups.firstIndex(where: { $0.x == point.x }) else { continue }
                let x = layout.left + groupWidth * (Double(group) + 0.1) + barWidth * Double(place)
                let y = layout.y(point.y)
                svg.begin("rect", [SVGAttribute("class", "bar"), SVGAttribute("x", x),
                                   SVGAttribute("y", min(y, zero)), SVGAttribute("width", max(1, barWidth - 1)),
                                   SVGAttribute("height", abs(zero - y))] + ChartSeriesStyle(index).fillAttributes)
                svg.title("\(series.name): \(groups[group].label), \(describe(point.y, model.y))")
                svg.end()
            }
        }
    }

    private static func drawLegend(_ layout: ChartLayout, _ svg: inout SVGWriter) {
        for (index, series) in layout.model.series.enumerated() {
            let y = layout.top + 8 + Double(index) * ChartLayout.legendRow
            let x = layout.right + 16
            let style = ChartSeriesStyle(index)
            svg.begin("g", [SVGAttribute("class", "legend-entry")])
            svg.title(series.name)
            if layout.model.kind == .line {
                svg.element("line", [SVGAttribute("x1", x - 2), SVGAttribute("y1", y - 3), SVGAttribute("x2", x + 14),
                                     SVGAttribute("y2", y - 3), SVGAttribute("stroke-width", 2)] + style.lineAttributes)
                let marker = style.marker(x: x + 6, y: y - 3)
                svg.element(marker.name, marker.attributes)
            } else {
                svg.element("rect", [SVGAttribute("x", x), SVGAttribute("y", y - 9), SVGAttribute("width", 12),
                                     SVGAttribute("height", 12)] + style.fillAttributes)
            }
            svg.element("text", [SVGAttribute("x", x + 18), SVGAttribute("y", y + 1)], text: layout.legendNames[index])
            svg.end()
        }
    }

    /// A point's x for hover text: its label when it has one (two labels at one number stay apart), with the
    /// number beside it when they differ (`b4 (4)`).
    static func describeX(_ point: ChartPoint, _ axis: ChartAxis) -> String {
        let number = describe(point.x, axis)
        // `8KB` is `8 KB` spelled as written: the number alone says it.
        guard let label = point.label, label.filter({ $0 != " " }) != number.filter({ $0 != " " }) else {
            return number
        }
        return "\(label) (\(number))"
    }

    /// A value with its unit for hover text: `2.98 s`, `12 hosts`, `0.5`.
    static func describe(_ value: Double, _ axis: ChartAxis) -> String {
        readable(value) + (axis.unit.isEmpty ? "" : " " + axis.unit)
    }

    /// Four significant digits at most, trailing zeros dropped: `2.98`, `1500`, `0.0123`.
    static func readable(_ value: Double) -> String {
        let decimals = value == 0 ? 0 : min(9, max(0, 3 - ChartScale.decade(abs(value))))
        var text = ChartScale.fixed(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
