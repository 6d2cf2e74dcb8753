import SpriteKernel

/// Aligned lines for people: simulated time, the node, what happened, fitted
/// to the output's width with hanging indents.
final class TextRenderer: Renderer {
    /// Columns a line may take; 0 means lines are never broken.
    let width: Int
    /// The widest node name so far, kept as nodes are declared so that no
    /// line has to look at every node (the column starts at "expect").
    private var subjectWidth = 6
    private var nodesMeasured = 0
    private weak var measuredSimulation: Simulation?

    init(width: Int) { self.width = width }

    /// Wide enough for every time up to the end of simulated time ("53375.9956d").
    static let timeColumnWidth = 11

    /// `   5.2784ms`, `   10.0000s`: the readable time with its four decimals
    /// kept, so decimal points line up within a unit, right-aligned so lines
    /// line up from 0 to the end of simulated time.
    static func timeColumn(_ time: SimTime) -> String {
        let (number, unit) = SimTime.readableParts(time.nanoseconds, keepZeros: true)
        return pad(number + unit, timeColumnWidth, right: true)
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        guard text.count < width else { return text }
        let spaces = String(repeating: " ", count: width - text.count)
        return right ? spaces + text : text + spaces
    }

    private func nodeColumnWidth(_ context: RenderContext) -> Int {
        let simulation = context.simulation
        if measuredSimulation !== simulation || simulation.nodeCount < nodesMeasured {
            (measuredSimulation, nodesMeasured, subjectWidth) = (simulation, 0, 6)
        }
        while nodesMeasured < simulation.nodeCount {
            subjectWidth = max(subjectWidth, context.node(nodesMeasured).count)
            nodesMeasured += 1
        }
        return subjectWidth
    }

    func render(_ item: OutputItem, context: RenderContext) -> [(String, OutputChannel)] {
        lines(item, context).map { ($0, item.isDiagnostic ? .error : .output) }
    }

    private func lines(_ item: OutputItem, _ context: RenderContext) -> [String] {
        switch item {
        case .trace(let record):
            let node = Self.pad(context.node(record.node), nodeColumnWidth(context))
            let prefix = "\(Self.timeColumn(record.time))  \(node)  "
            return wrap(prefix + EventWords.describe(record.event, context), indent: prefix.count)
        case .echo(let time, let text):
            // Marked like every other line, so no text a script echoes can pass
            // for a trace line or an expect verdict.
            let prefix = "\(Self.timeColumn(time))  \(Self.pad("echo", nodeColumnWidth(context)))  "
            return wrap(prefix + text, indent: prefix.count)
        case .expectation(let result):
            let prefix = "\(Self.timeColumn(result.time))  \(Self.pad("expect", nodeColumnWidth(context)))  "
            let location = "(\(result.span.location))"
            let verdict = result.passed
                ? "ok      \(result.condition)"
                : "FAILED  \(result.condition), found \(result.actual)  " + location
            return wrap(prefix + verdict, indent: prefix.count + 8, unbrokenSuffix: result.passed ? "" : location)
        case .table(let table):
            return renderTable(table)
        case .text(let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
                wrap(String(line), indent: TextLayout.hangingIndent(String(line)))
            }
        case .diagnostic(let diagnostic):
            return diagnostic.renderedLines(width: width)
        case .summary(let summary):
            return renderSummary(summary).flatMap { wrap($0, indent: Self.summaryColumn) }
        case .deadlock(let time, let node, let processes, let locks):
            let prefix = "\(Self.timeColumn(time))  \(Self.pad(context.node(node), nodeColumnWidth(context)))  "
            let waits = processes.indices.map { index in
                "\(processes[index]) waits for \(locks[index]), held by \(processes[(index + 1) % processes.count])"
            }
            return wrap(prefix + "deadlock: " + waits.joined(separator: "; "), indent: prefix.count)
        case .file:
            // Text keeps each file's summary as the separator between files.
            return []
        }
    }

    /// Control characters are escaped before the line is measured, so the
    /// escaped text is what fits the width (TerminalText).
    /// `unbrokenSuffix`: the line's end (a location) that stays one word.
    private func wrap(_ line: String, indent: Int, unbrokenSuffix: String = "") -> [String] {
        let escaped = TerminalText.escape(line)
        let count = escaped.count, suffix = TerminalText.escape(unbrokenSuffix).count
        return TextLayout.wrap(escaped, width: width, indent: indent, unbroken: count - suffix..<count)
    }

    /// Columns stay aligned: a table too wide for the line narrows as
    /// TableLayout explains; titles and notes wrap like prose.
    private func renderTable(_ table: Table) -> [String] {
        let lines = wrap(table.title, indent: 2)
        let notes = table.notes.flatMap { wrap($0, indent: TextLayout.leadingSpaces($0) + 2) }
        // A chart is drawn to its own width: wrapping it would break its columns.
        if let picture = table.picture { return lines + picture + notes }
        guard !table.columns.isEmpty else { return lines + notes }
        let rows = table.rows.map { $0.map { TerminalText.escape($0.display) } }
        let (grid, fitting) = TableFitting(columns: table.columns, rows: rows).lines(width: width)
        let fittingNotes = fitting.flatMap { wrap($0, indent: 4) }
        return lines + grid + (rows.isEmpty ? ["  (none)"] : []) + fittingNotes + notes
    }

    /// Where the summary's values start, under "simulated time   ".
    static let summaryColumn = 17

    private func renderSummary(_ s: RunSummary) -> [String] {
        let t = s.statistics
        func row(_ name: String, _ value: String) -> String { Self.pad(name, Self.summaryColumn) + value }
        let rule = width > 0 ? max(2, min(50, width - 11)) : 50
        var lines = ["-- summary " + String(repeating: "-", count: rule)]
        lines.append(row("simulated time", "\(s.time) (\(Plural.of(t.eventsProcessed, "event")))"))
        lines.append(row("messages", "\(t.messagesSent) sent, \(t.messagesDelivered) delivered, "
                         + "\(t.messagesDropped) dropped, \(t.retransmissions) retransmitted, "
                         + "\(t.localMessages) local"))
        lines.append(row("network", Plural.of(t.packets, "packet") + ", "
                         + Quantity.formatBytes(t.wireBytes) + " on the wire"))
        lines.append(row("operations", "\(t.operationsDone) done, \(t.operationsFailed) failed, "
                         + Plural.of(t.rpcCalls, "rpc call")))
        lines.append(row("expectations", "\(s.expectationsPassed) passed, \(s.expectationsFailed) failed"))
        if s.pendingEvents > 0 { lines.append(row("still pending", Plural.of(s.pendingEvents, "event"))) }
        if s.deadlocks > 0 {
            lines.append(row("deadlocks", Plural.of(s.deadlocks, "lock cycle") + " (processes left waiting)"))
        }
        return lines
    }
}

extension OutputItem {
    var isDiagnostic: Bool {
        if case .diagnostic = self { return true }
        return false
    }
}
