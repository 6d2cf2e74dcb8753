import SpriteKernel

/// One stretch of one process on one CPU, named for printing.
struct ChartSlice {
    /// Index into the chart's rows (one per CPU).
    var row: Int
    var process: String
    var start: SimTime
    var end: SimTime
    /// Why it left the CPU: done, exit, blocked, preempted, quantum, killed or running.
    var ending: String
    /// When the context switch to it began, if the CPU switched from another process.
    var switchFrom: SimTime?
    /// The process's place in the order processes were started: letters follow it.
    var order: Int = 0
}

/// A Gantt chart in text: one line per CPU, one character per column of
/// time, a letter per process, and under each line where slices ended and
/// why; across nodes, migrations as arrows between the rows (TimelineMoves.swift).
/// Drawn to fit 80 columns, or the width asked for.
struct TimelineChart {
    let rowLabels: [String]
    let slices: [ChartSlice]
    let from: SimTime
    let to: SimTime
    /// From this instant slices may be missing (the timeline's slice limit): a column there that kept
    /// slices do not fill is drawn '?', not idle.
    var unknownFrom: SimTime?
    var moves: [ChartMove] = []
    var evictions: [ChartEviction] = []
    var calls: [ChartCall] = []
    /// The widest line, labels included; past the default the chart gets more columns.
    var lineWidth = Self.defaultWidth

    static let defaultWidth = 80
    /// The widths `show timeline … width N` accepts.
    static let widths = 40...240
    static let mostColumns = 60
    static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let endingMarks: [String: Character] = [
        "done": "x", "exit": "x", "blocked": "b", "preempted": "p", "quantum": "q", "moved": "m", "killed": "k",
        "fault": "!",
    ]

    /// The time one column stands for: 1, 2 or 5 times a power of ten nanoseconds, the
    /// smallest that fits the window in `columns`.
    static func columnTime(span: Int64, columns: Int) -> Int64 {
        var scale: Int64 = 1
        while true {
            for step: Int64 in [1, 2, 5] {
                let (value, overflow) = step.multipliedReportingOverflow(by: scale)
                if overflow || (span + value - 1) / value <= Int64(columns) { return overflow ? .max / 2 : value }
            }
            scale *= 10
        }
    }

    var lines: [String] {
        let callsLabel = calls.isEmpty ? 0 : TimelineMoveOverlay.callsLabel.count
        let labelWidth = max(4, callsLabel, rowLabels.map(\.count).max() ?? 0)
        // The default width keeps the 60 columns charts have always had; a wider one uses all it gives.
        let most = lineWidth == Self.defaultWidth ? Self.mostColumns : lineWidth
        let room = max(10, min(most, lineWidth - 4 - labelWidth))
        let span = max(1, to.nanoseconds - from.nanoseconds)
        let step = Self.columnTime(span: span, columns: room)
        let columns = Int((span + step - 1) / step)
        let letter = letters()
        var out = [ticks(labelWidth: labelWidth, columns: columns, step: step)]
        let drawn = rowLabels.indices.map { draw(row: $0, columns: columns, step: step, letter: letter) }
        var overlay = TimelineMoveOverlay(marks: drawn.map(\.1), calls: calls, columns: columns, step: step,
                                          from: from, to: to)
        for eviction in evictions { overlay.mark(eviction) }
        for move in moves.prefix(TimelineMoveOverlay.mostDrawn) { overlay.draw(move) }
        for (index, label) in rowLabels.enumerated() {
            out.append("  " + TextRenderer.pad(TerminalText.escape(label), labelWidth) + "  " + drawn[index].0)
            out += overlay.lines(row: index, labelWidth: labelWidth)
        }
        out += legend(letter)
        out.append("  one column = \(SimTime(nanoseconds: step)); ~ switching; . no process (most of the column)")
        out.append("  marks where a slice ended: x done, b blocked, p preempted, q quantum over")
        if let unknownFrom, unknownFrom < to {
            out.append("  ? not known: slices from \(unknownFrom) on were not kept (the timeline's slice limit)")
        }
        // A move to another CPU happens only under master-slave: its mark is explained only then.
        if slices.contains(where: { $0.ending == "moved" }) {
            out.append("                             m moved to another CPU (kernel work on the master)")
        }
        if slices.contains(where: { $0.ending == "killed" }) {
            out.append("                             k killed by a crash of the node")
        }
        if slices.contains(where: { $0.ending == "fault" }) {
            out.append("                             ! a page fault: it waits for the page (help memory)")
        }
        out += TimelineMoveNotes.legend(moves: moves, evictions: !evictions.isEmpty, calls: !calls.isEmpty)
        out += TimelineMoveNotes.list(moves, letter: letter, width: lineWidth)
        if moves.count > TimelineMoveOverlay.mostDrawn {
            out.append("  not drawn: \(Plural.of(moves.count - TimelineMoveOverlay.mostDrawn, "move")) past the first "
                       + "\(TimelineMoveOverlay.mostDrawn)")
        }
        return out
    }

    static func trimmed(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    /// Each process in the window a letter, in the order the processes were started (a job list's order,
    /// so A is the first job whoever runs first); '#' past the last letter. A letter that is the name of a
    /// process or parallel job in the window (B, or the B of B-1) would read as that one: such a process
    /// takes its own letter (the first of its job does), and the others pass over those letters.
    private func letters() -> [String: Character] {
        var names: [String] = []
        var seen: Set<String> = []
        for slice in slices.sorted(by: { ($0.order, $0.start) < ($1.order, $1.start) })
        where seen.insert(slice.process).inserted {
            names.append(slice.process)
        }
        let own = names.map { Self.ownLetter($0) }
        let named = Set(own.compactMap { $0 })
        var letter: [String: Character] = [:]
        var used: Set<Character> = []
        for (name, mine) in zip(names, own) {
            if let mine, used.insert(mine).inserted { letter[name] = mine }
        }
        var next = Self.letters.startIndex
        func taken(_ index: Int) -> Bool { used.contains(Self.letters[index]) || named.contains(Self.letters[index]) }
        for name in names where letter[name] == nil {
            while next < Self.letters.endIndex, taken(next) { next += 1 }
            letter[name] = next < Self.letters.endIndex ? Self.letters[next] : "#"
            if next < Self.letters.endIndex { used.insert(Self.letters[next]) }
        }
        return letter
    }

    /// The chart letter a process's name stands for, if any: the name itself, or a job's name before
    /// its thread number (`B` for `B-2`), when that is one letter of the chart's.
    static func ownLetter(_ name: String) -> Character? {
        var stem = Substring(name)
        if let dash = name.lastIndex(of: "-"), dash > name.startIndex,
           name[name.index(after: dash)...].allSatisfy(\.isNumber), name.index(after: dash) < name.endIndex {
            stem = name[..<dash]
        }
        guard stem.count == 1, let only = stem.first, letters.contains(only) else { return nil }
        return only
    }

    /// The time at every tenth column, each label with a space after it.
    private func ticks(labelWidth: Int, columns: Int, step: Int64) -> String {
        var line = "  " + TextRenderer.pad("time", labelWidth) + "  "
        var column = 0
        let spacing = step.multipliedReportingOverflow(by: 10).partialValue
        while column < columns {
            let label = Self.tickLabel(from.nanoseconds + Int64(column) * step, spacing: spacing)
            line += TextRenderer.pad(label, max(10, label.count + 1))
            column += 10
        }
        return Self.trimmed(line)
    }

    /// The readable form's units in nanoseconds.
    static let unitScale: [String: Int64] = [
        "d": 86_400_000_000_000, "h": 3_600_000_000_000, "s": 1_000_000_000, "ms": 1_000_000, "us": 1_000, "ns": 1,
    ]

    /// A tick's time, readable (four decimals at most) when that tells the ticks apart and fits the ten
    /// columns between them; with every digit when the ticks are closer than four decimals of their unit
    /// (20us apart in seconds); rounded to the decimals the spacing needs when the readable form is too
    /// long (ticks days apart: whole days).
    static func tickLabel(_ ns: Int64, spacing: Int64) -> String {
        let readable = SimTime(nanoseconds: ns).description
        let unit = SimTime.readableParts(ns).unit
        guard ns > 0, let scale = Self.unitScale[unit] else { return readable }
        var (decimals, grain) = (0, scale)
        while decimals < 4, spacing % grain != 0 {
            grain /= 10
            decimals += 1
        }
        if spacing % grain != 0 { return SimTime(nanoseconds: ns).exactDescription }
        guard readable.count > 9 else { return readable }
        let rounded = ns / grain + (ns % grain >= grain / 2 && grain > 1 ? 1 : 0)
        let perUnit = scale / grain
        if decimals == 0 { return String(rounded) + unit }
        var fraction = String(rounded % perUnit)
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return String(rounded / perUnit) + (fraction.isEmpty ? "" : "." + fraction) + unit
    }

    /// One CPU's line: in each column the process that ran longest in it, if
    /// the CPU was busy at least half of it; and the marks of the slices ending there.
    private func draw(row: Int, columns: Int, step: Int64,
                      letter: [String: Character]) -> (String, [Character]) {
        var busy = [Int64](repeating: 0, count: columns)
        var best = [(Int64, Character)](repeating: (0, "."), count: columns)
        var marks = [Character](repeating: " ", count: columns)
        for slice in slices where slice.row == row {
            let start = max(slice.start.nanoseconds, from.nanoseconds) - from.nanoseconds
            let end = min(slice.end.nanoseconds, to.nanoseconds) - from.nanoseconds
            // A slice of no time (a process switched in only to block on its first step) still shows
            // its switch and its mark: the CPU spent the switch on it.
            guard end >= start else { continue }
            occupy(start, end, letter[slice.process] ?? "#", step: step, busy: &busy, best: &best)
            if let switchFrom = slice.switchFrom {
                let low = max(switchFrom.nanoseconds, from.nanoseconds) - from.nanoseconds
                occupy(low, min(start, end), "~", step: step, busy: &busy, best: &best)
            }
            if let ending = Self.endingMarks[slice.ending], slice.end <= to {
                marks[min(columns - 1, Int(max(0, end - 1) / step))] = ending
            }
        }
        // A column whose middle is at or past the first dropped slice's start may have run it.
        let unknownColumn = unknownFrom.map { time -> Int in
            let twice = 2 * (time.nanoseconds - from.nanoseconds) - step
            return twice <= 0 ? 0 : Int((twice + 2 * step - 1) / (2 * step))
        }
        let chart = (0..<columns).map { column -> Character in
            if busy[column] * 2 >= step { return best[column].1 }
            return unknownColumn.map { column >= $0 } ?? false ? "?" : "."
        }
        return (String(chart), marks)
    }

    /// Adds [start, end) (nanoseconds from the window's start) to the columns it covers.
    private func occupy(_ start: Int64, _ end: Int64, _ mark: Character, step: Int64, busy: inout [Int64],
                        best: inout [(Int64, Character)]) {
        guard end > start else { return }
        var column = Int(start / step)
        while column < busy.count, Int64(column) * step < end {
            let low = max(start, Int64(column) * step), high = min(end, Int64(column + 1) * step)
            busy[column] += high - low
            if high - low > best[column].0 { best[column] = (high - low, mark) }
            column += 1
        }
    }

    /// `A job1   B job2 …`, wrapped to the line width.
    private func legend(_ letter: [String: Character]) -> [String] {
        let entries = letter.sorted { ($0.value.isLetter ? 0 : 1, $0.value) < ($1.value.isLetter ? 0 : 1, $1.value) }
            .filter { $0.value != "#" }.map { "\($0.value) \(TerminalText.escape($0.key))" }
        let others = letter.values.filter { $0 == "#" }.count
        // A window with moves but no kept slice has no letters to explain.
        if entries.isEmpty && others == 0 { return [] }
        var lines: [String] = []
        var line = "  legend:"
        for entry in entries + (others > 0 ? ["# \(others) more"] : []) {
            if line.count + 3 + entry.count > lineWidth {
                lines.append(line)
                line = "         "
            }
            line += (line.hasSuffix(":") || line.allSatisfy { $0 == " " } ? " " : "   ") + entry
        }
        return lines + [line]
    }
}
