/// A `ChartModel` drawn as SVG: a title, the plot with grid lines, both axes with ticks at 1-2-5 steps and
/// their titles with units, the series (lines with points, or grouped bars) and a legend at the right.
///
/// Text is monospace at 12px, so the space a label takes is known from its length (7.2px a character) and the
/// margins are sized from the labels: nothing is drawn over an axis label. Classes for checks and styles:
/// `axis-label` (tick labels and axis titles), `bar`, `point`, `series-line`, `legend-entry`, `grid`.
public enum ChartPicture {
    public static let defaultWidth = 720.0
    public static let defaultHeight = 420.0
    static let characterWidth = 7.2
    static let fontSize = 12.0
    /// Colours a reader tells apart, also in grey (dark, light, dark …), in series order; repeated past eight.
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

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
        var svg = SVGWriter(width: width, height: height)
        svg.element("rect", [SVGAttribute("width", width), SVGAttribute("height", height),
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
        for (x, label) in layout.xTicks {
            svg.element("line", [SVGAttribute("class", "axis"), SVGAttribute("x1", x), SVGAttribute("y1", bottom),
                                 SVGAttribute("x2", x), SVGAttribute("y2", bottom + 4)])
            svg.element("text", [SVGAttribute("class", "axis-label tick-label"), SVGAttribute("x", x),
                                 SVGAttribute("y", bottom + 18), SVGAttribute("text-anchor", "middle")], text: label)
        }
        svg.element("line", [SVGAttribute("class", "axis"), SVGAttribute("x1", left), SVGAttribute("y1", bottom),
                             SVGAttribute("x2", right), SVGAttribute("y2", bottom)])
        svg.element("line", [SVGAttribute("class", "axis"), SVGAttribute("x1", left), SVGAttribute("y1", top),
                             SVGAttribute("x2", left), SVGAttribute("y2", bottom)])
        svg.element("text", [SVGAttribute("class", "axis-label axis-title"), SVGAttribute("x", (left + right) / 2),
                             SVGAttribute("y", bottom + 40), SVGAttribute("text-anchor", "middle")],
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
            let colour = palette[index % palette.count]
            let points = series.points.sorted { $0.x < $1.x }
            let path = points.map { SVGWriter.number(layout.x($0.x)) + "," + SVGWriter.number(layout.y($0.y)) }
            svg.begin("polyline", [SVGAttribute("class", "series-line"),
                                   SVGAttribute("points", path.joined(separator: " ")), SVGAttribute("stroke", colour)])
            svg.title(series.name)
            svg.end()
            for point in points {
                svg.begin("circle", [SVGAttribute("class", "point"), SVGAttribute("cx", layout.x(point.x)),
                                     SVGAttribute("cy", layout.y(point.y)), SVGAttribute("r", 3.5),
                                     SVGAttribute("fill", colour)])
                svg.title("\(series.name): \(describe(point.x, model.x)), \(describe(point.y, model.y))")
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
                                   SVGAttribute("height", abs(zero - y)),
                                   SVGAttribute("fill", palette[index % palette.count])])
                svg.title("\(series.name): \(groups[group].label), \(describe(point.y, model.y))")
                svg.end()
            }
        }
    }

    private static func drawLegend(_ layout: ChartLayout, _ svg: inout SVGWriter) {
        for (index, series) in layout.model.series.enumerated() {
            let y = layout.top + 8 + Double(index) * 20
            let x = layout.right + 16
            svg.begin("g", [SVGAttribute("class", "legend-entry")])
            svg.element("rect", [SVGAttribute("x", x), SVGAttribute("y", y - 9), SVGAttribute("width", 12),
                                 SVGAttribute("height", 12), SVGAttribute("fill", palette[index % palette.count])])
            svg.element("text", [SVGAttribute("x", x + 18), SVGAttribute("y", y + 1)], text: series.name)
            svg.end()
        }
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

/// Where everything goes: margins sized from the labels, the scales, and the bar chart's groups.
struct ChartLayout {
    let model: ChartModel
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    let xScale: ChartScale
    let yScale: ChartScale
    /// A bar chart's groups: each distinct x, in order, with the label under it.
    let groups: [(x: Double, label: String)]

    init(_ model: ChartModel, width: Double, height: Double) {
        self.model = model
        let points = model.series.flatMap(\.points)
        let ys = points.map(\.y).filter(\.isFinite)
        let yScale = ChartScale(low: ys.min() ?? 0, high: ys.max() ?? 1, intervals: 5,
                                includeZero: model.kind == .bar || (ys.min() ?? 0) >= 0)
        self.yScale = yScale
        let xs = points.map(\.x).filter(\.isFinite)
        xScale = ChartScale(low: xs.min() ?? 0, high: xs.max() ?? 1, intervals: 6)
        var groups: [(x: Double, label: String)] = []
        for point in points.sorted(by: { $0.x < $1.x }) where groups.last?.x != point.x {
            groups.append((point.x, point.label ?? ChartPicture.readable(point.x)))
        }
        self.groups = groups
        let yLabels = yScale.ticks.map { yScale.label($0).count }.max() ?? 1
        let legend = model.series.map(\.name.count).max() ?? 0
        left = 28 + Double(yLabels) * ChartPicture.characterWidth + 10
        right = max(left + 100, width - 16 - (legend > 0 ? 30 + Double(legend) * ChartPicture.characterWidth : 0))
        top = 40
        bottom = max(top + 60, height - 56)
    }

    func x(_ value: Double) -> Double { left + xScale.fraction(value) * (right - left) }

    func y(_ value: Double) -> Double { bottom - yScale.fraction(value) * (bottom - top) }

    /// Tick positions and labels under the x axis: the scale's ticks for lines, the groups' middles for bars.
    var xTicks: [(Double, String)] {
        guard model.kind == .bar else { return xScale.ticks.map { (x($0), xScale.label($0)) } }
        let groupWidth = (right - left) / Double(max(1, groups.count))
        return groups.enumerated().map { (left + groupWidth * (Double($0.offset) + 0.5), $0.element.label) }
    }
}
