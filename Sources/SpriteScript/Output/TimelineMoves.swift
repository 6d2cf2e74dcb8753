import SpriteKernel

/// A migration as the timeline draws it: an arrow from the row the process left to the row it went on on.
struct ChartMove {
    var process: String
    var from: String
    var to: String
    /// The rows of the CPUs it left and went on on; nil when that node is not drawn.
    var fromRow: Int?
    var toRow: Int?
    var frozen: SimTime?
    var unfrozen: SimTime?
    /// Who moved it, in words: `migrate`, `remote exec`, `balancer`, `evicted at 40s`.
    var cause: String
    var evicted: Bool
    /// `remote exec` for an exec-time move (`show migrations` gives the others' strategies).
    var how: String?
    /// Why it is not drawn: `failed`, `waiting`, `moving`; nil once done.
    var unfinished: String?
}

/// The owner's input on a node that evicted its guests: `E` on the node's row.
struct ChartEviction {
    var row: Int
    var at: SimTime
}

/// A location-dependent call forwarded home, counted on the row where its process ran.
struct ChartCall {
    var row: Int
    var at: SimTime
}

/// What the moves add under the CPU rows: arrows, frozen stretches and evictions on the mark lines, and a
/// line of forwarded-call counts under each row that made some. Every row owns the lines below its chart
/// line (its gap: marks, then calls); an arrow fills the gaps between its two rows in the column of its
/// unfreeze and ends next to the target's chart line, so it reads from row to row without covering any
/// row's letters. Moves in one column share their shafts; each keeps its own head, and a cell where several
/// heads meet counts them, so no arrow is ever drawn in a column its move was not in.
struct TimelineMoveOverlay {
    let columns: Int
    let step: Int64
    let from: SimTime
    let to: SimTime
    /// Each row's gap lines: [marks] or [marks, calls].
    private(set) var gaps: [[[Character]]]
    /// Cells an arrow or an eviction took: a later shaft passes behind them.
    private var taken: [[[Bool]]]
    /// Heads drawn in a cell so far (row, gap line, column), to count those that share it.
    private var heads: [Int: Int] = [:]

    static let callsLabel = "calls"
    /// Arrows drawn at most: each costs the rows it crosses, and past a thousand a chart's columns are a
    /// solid block of shafts that says nothing more; the rest are counted.
    static let mostDrawn = 1_000

    init(marks: [[Character]], calls: [ChartCall], columns: Int, step: Int64, from: SimTime, to: SimTime) {
        self.columns = columns
        self.step = step
        self.from = from
        self.to = to
        var counts = [[Int]](repeating: [Int](repeating: 0, count: columns), count: marks.count)
        for call in calls where marks.indices.contains(call.row) && call.at >= from && call.at < to {
            counts[call.row][Self.column(call.at, from: from, step: step, columns: columns)] += 1
        }
        gaps = marks.indices.map { row in
            guard counts[row].contains(where: { $0 > 0 }) else { return [marks[row]] }
            return [marks[row], counts[row].map(Self.countMark)]
        }
        taken = gaps.map { $0.map { _ in [Bool](repeating: false, count: columns) } }
    }

    /// One column's calls: the count up to 9, `*` for 10 or more.
    static func countMark(_ count: Int) -> Character {
        count == 0 ? " " : count < 10 ? Character(String(count)) : "*"
    }

    /// The column an instant falls in, within the chart.
    func column(_ time: SimTime) -> Int { Self.column(time, from: from, step: step, columns: columns) }

    static func column(_ time: SimTime, from: SimTime, step: Int64, columns: Int) -> Int {
        let offset = max(0, time.nanoseconds - from.nanoseconds)
        return min(columns - 1, Int(offset / step))
    }

    mutating func mark(_ eviction: ChartEviction) {
        guard gaps.indices.contains(eviction.row), eviction.at >= from, eviction.at <= to else { return }
        let column = column(eviction.at)
        gaps[eviction.row][0][column] = "E"
        taken[eviction.row][0][column] = true
    }

    /// Draws one move's arrow in the column of its unfreeze. Returns the column drawn in, or nil (not in the
    /// window, or a row not drawn). A move frozen in the window and unfrozen after it (or still frozen) has
    /// its dashes to the window's end, no arrow.
    @discardableResult
    mutating func draw(_ move: ChartMove) -> Int? {
        guard let source = move.fromRow, gaps.indices.contains(source) else { return nil }
        guard let unfrozen = move.unfrozen, unfrozen >= from, unfrozen <= to else {
            let frozenPast = move.unfrozen.map { $0 > to } ?? (move.unfinished == "moving")
            if let frozen = move.frozen, frozen <= to, frozenPast { dash(source, from: frozen, upTo: columns) }
            return nil
        }
        guard let target = move.toRow, target != source, gaps.indices.contains(target) else { return nil }
        // The gap lines between the two chart lines: every gap of the rows from the upper to the one
        // above the lower.
        let path = (min(source, target)..<max(source, target)).flatMap { row in
            gaps[row].indices.map { (row, $0) }
        }
        let column = column(unfrozen)
        if let frozen = move.frozen { dash(source, from: frozen, upTo: column) }
        let down = target > source
        guard let head = down ? path.last : path.first else { return nil }
        for (row, line) in path where (row, line) != head {
            // A count of calls stays readable and another arrow's mark stays: the shaft passes behind them.
            guard !taken[row][line][column], gaps[row][line][column] == " " || line == 0 else { continue }
            gaps[row][line][column] = move.evicted ? ":" : "|"
            taken[row][line][column] = true
        }
        let key = (head.0 * 2 + head.1) * columns + column
        heads[key, default: 0] += 1
        // An eviction's E stays; the head covers a shaft, a call count or an ending's mark.
        if gaps[head.0][head.1][column] != "E" {
            let count = heads[key] ?? 1
            gaps[head.0][head.1][column] = count == 1 ? (down ? "v" : "^") : Self.countMark(count)
        }
        taken[head.0][head.1][column] = true
        return column
    }

    /// Frozen from `frozen` (or the window's start) up to column `end`: dashes on the free cells under the row
    /// it left, so the ending mark of its last slice stays.
    private mutating func dash(_ row: Int, from frozen: SimTime, upTo end: Int) {
        for c in column(frozen)..<max(column(frozen), end) where gaps[row][0][c] == " " { gaps[row][0][c] = "-" }
    }

    /// The lines under row `row`'s chart line, labelled and trimmed; blank ones left out.
    func lines(row: Int, labelWidth: Int) -> [String] {
        gaps[row].enumerated().compactMap { index, cells in
            let text = TimelineChart.trimmed(String(cells))
            guard !text.isEmpty else { return nil }
            let label = index == 0 ? "" : Self.callsLabel
            return "  " + String(repeating: " ", count: labelWidth - label.count) + label + "  " + text
        }
    }
}

/// The list of moves under the chart, and the legend lines the overlay's marks need.
enum TimelineMoveNotes {
    /// The list keeps at most this many moves; the rest are counted (`show migrations` has them all).
    static let mostListed = 20

    static func legend(moves: [ChartMove], evictions: Bool, calls: Bool) -> [String] {
        var out: [String] = []
        if !moves.isEmpty {
            out.append("  moves: | v ^ a move, : v ^ an eviction, from the row a process left to the")
            out.append("         row it went on, in the column it went on there; moves in one column")
            out.append("         share a shaft, each with its head (2-9, *: that many heads in one")
            out.append("         cell); - frozen, under the row it left")
        }
        if evictions { out.append("  E input on the node: its owner is back and its guests are evicted") }
        if calls { out.append("  calls: location-dependent calls forwarded home, per column (* 10 or more)") }
        return out
    }

    /// `  A job  ws1 -> ws2  55.9229ms, frozen 53.0007ms  balancer, remote exec`, one line a move (the
    /// cause on a line of its own when the line would pass `width`).
    static func list(_ moves: [ChartMove], letter: [String: Character], width: Int) -> [String] {
        guard !moves.isEmpty else { return [] }
        let listed = moves.prefix(mostListed)
        let names = listed.map { move in
            // A process named by its letter is not named twice.
            (letter[move.process].map { String($0) == move.process ? "" : "\($0) " } ?? "")
                + TerminalText.escape(move.process)
        }
        let routes = listed.map { "\(TerminalText.escape($0.from)) -> \(TerminalText.escape($0.to))" }
        let whens = listed.map { move -> String in
            if let unfinished = move.unfinished {
                return move.frozen.map { "\(unfinished), frozen at \($0)" } ?? unfinished
            }
            guard let frozen = move.frozen, let unfrozen = move.unfrozen else { return "done" }
            return "\(unfrozen), frozen \(unfrozen - frozen)"
        }
        let (nameWidth, routeWidth) = (names.map(\.count).max() ?? 0, routes.map(\.count).max() ?? 0)
        let whenWidth = whens.map(\.count).max() ?? 0
        var out = ["  " + Plural.of(moves.count, "move") + ":"]
        for (index, move) in listed.enumerated() {
            let head = "    " + TextRenderer.pad(names[index], nameWidth) + "  "
                + TextRenderer.pad(routes[index], routeWidth) + "  " + TextRenderer.pad(whens[index], whenWidth)
            let cause = move.cause + (move.how.map { ", " + $0 } ?? "")
            if width > 0, head.count + 2 + cause.count > width {
                out += [TimelineChart.trimmed(head), "      " + cause]
            } else {
                out.append(head + "  " + cause)
            }
        }
        if moves.count > mostListed {
            out.append("    and \(moves.count - mostListed) more (show migrations lists every one)")
        }
        return out
    }
}
