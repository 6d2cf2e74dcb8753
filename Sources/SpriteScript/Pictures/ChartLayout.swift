/// Where a chart's parts go: margins sized from the labels, the scales, the bar chart's groups, the x labels
/// (level, or turned 45° and thinned when they would not fit side by side), and the legend (names elided in
/// the middle to a fixed width, the plot as tall as the legend's rows). The canvas grows to hold them.
struct ChartLayout {
    /// A legend name longer than this keeps its start and its end (where series' names tend to differ).
    static let legendCharacters = 30
    /// A turned x label longer than this is elided the same way; its full text is its hover title.
    static let turnedCharacters = 24
    static let legendRow = 20.0
    /// Two turned labels' baselines this far apart horizontally stand clear of each other (12px text at 45°).
    static let turnedSpacing = 20.0

    struct XLabel {
        let x: Double
        let text: String
        /// The whole label, when `text` was elided.
        let full: String
    }

    let model: ChartModel
    let width: Double
    let height: Double
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    let xScale: ChartScale
    let yScale: ChartScale
    /// A bar chart's groups: each distinct x, in order, with the label under it.
    let groups: [(x: Double, label: String)]
    let xLabels: [XLabel]
    /// The x labels are turned 45° (they would overlap level).
    let turned: Bool
    /// How far below the plot the x axis's title goes (under the labels).
    let titleOffset: Double
    let legendNames: [String]

    init(_ model: ChartModel, width: Double, height: Double) {
        self.model = model
        let points = model.series.flatMap(\.points)
        let ys = points.map(\.y).filter(\.isFinite)
        let yScale = ChartScale(low: ys.min() ?? 0, high: ys.max() ?? 1, intervals: 5,
                                includeZero: model.kind == .bar || (ys.min() ?? 0) >= 0, whole: model.y.whole)
        self.yScale = yScale
        let xs = points.map(\.x).filter(\.isFinite)
        xScale = ChartScale(low: xs.min() ?? 0, high: xs.max() ?? 1, intervals: 6, whole: model.x.whole)
        var groups: [(x: Double, label: String)] = []
        for point in points.sorted(by: { $0.x < $1.x }) where groups.last?.x != point.x {
            groups.append((point.x, point.label ?? ChartPicture.readable(point.x)))
        }
        self.groups = groups
        legendNames = model.series.map { Self.elide($0.name, to: Self.legendCharacters) }
        let characterWidth = ChartPicture.characterWidth
        let yLabels = yScale.ticks.map { yScale.label($0).count }.max() ?? 1
        let legend = legendNames.map(\.count).max() ?? 0
        var left = 28 + Double(yLabels) * characterWidth + 10
        let right = max(left + 100, width - 16 - (legend > 0 ? 30 + Double(legend) * characterWidth : 0))
        self.right = right
        top = 40
        // The plot is at least as tall as the legend beside it.
        let legendHeight = 8 + Double(model.series.count) * Self.legendRow
        bottom = max(top + 60, height - 56, top + legendHeight)
        var (labels, turned) = Self.xLabels(model, groups, xScale, left: left, right: right)
        // A turned first label reaches left by its length × cos 45° from its tick: the margin grows to hold it.
        if turned, let first = labels.first {
            let reach = first.x + 4 - Double(first.text.count) * characterWidth * 0.7072
            if reach < 4 {
                left = min(right - 60, left + 4 - reach)
                (labels, turned) = Self.xLabels(model, groups, xScale, left: left, right: right)
            }
        }
        self.left = left
        self.turned = turned
        xLabels = labels
        // A turned label reaches down by its length × sin 45°.
        let drop = turned ? Double(labels.map(\.text.count).max() ?? 0) * characterWidth * 0.7072 + 10 : 18
        titleOffset = drop + 22
        self.width = width
        self.height = max(height, bottom + titleOffset + 16)
    }

    /// The x labels between `left` and `right`: each tick's or group's, level when the widest fits between
    /// neighbours, else turned, elided, and every k-th one kept so turned neighbours stand clear.
    private static func xLabels(_ model: ChartModel, _ groups: [(x: Double, label: String)], _ xScale: ChartScale,
                                left: Double, right: Double) -> ([XLabel], turned: Bool) {
        let places: [(Double, String)]
        if model.kind == .bar {
            let groupWidth = (right - left) / Double(max(1, groups.count))
            places = groups.enumerated().map { (left + groupWidth * (Double($0.offset) + 0.5), $0.element.label) }
        } else {
            places = xScale.ticks.map { (left + xScale.fraction($0) * (right - left), xScale.label($0)) }
        }
        let spacing = places.count > 1 ? (right - left) / Double(places.count - (model.kind == .bar ? 0 : 1))
            : right - left
        let widest = Double(places.map(\.1.count).max() ?? 0) * ChartPicture.characterWidth
        guard widest + 8 > spacing else { return (places.map { XLabel(x: $0.0, text: $0.1, full: $0.1) }, false) }
        // Every k-th label, so neighbours stand `turnedSpacing` apart; the others are on their bars' titles.
        let every = max(1, Int((turnedSpacing / max(spacing, 0.001)).rounded(.up)))
        let kept = places.enumerated().filter { $0.offset % every == 0 }.map(\.element)
        return (kept.map { XLabel(x: $0.0, text: elide($0.1, to: turnedCharacters), full: $0.1) }, true)
    }

    func x(_ value: Double) -> Double { left + xScale.fraction(value) * (right - left) }

    func y(_ value: Double) -> Double { bottom - yScale.fraction(value) * (bottom - top) }

    /// `text` at most `limit` characters: its start and end kept around a `…` in the middle.
    static func elide(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 2 else { return text }
        let tail = (limit - 1) / 2
        return String(text.prefix(limit - 1 - tail)) + "…" + String(text.suffix(tail))
    }
}
