import SpriteKernel

/// Aligned lines for people: simulated time, the node, what happened.
struct TextRenderer: Renderer {
    /// `      1.0512ms`: milliseconds to 0.1us, right-aligned so columns line up
    /// for the first 100 simulated seconds.
    static func timeColumn(_ time: SimTime) -> String {
        let tenths = max(0, time.nanoseconds) / 100
        let fraction = String(tenths % 10_000)
        let text = "\(tenths / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)ms"
        return String(repeating: " ", count: max(0, 14 - text.count)) + text
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func subjectWidth(_ context: RenderContext) -> Int {
        var width = 6
        for index in 0..<context.simulation.nodeCount { width = max(width, context.node(index).count) }
        return width
    }

    func render(_ item: OutputItem, context: RenderContext) -> [(String, OutputChannel)] {
        switch item {
        case .trace(let record):
            let subject = Self.pad(context.node(record.node), subjectWidth(context))
            return [("\(Self.timeColumn(record.time))  \(subject)  \(EventWords.describe(record.event, context))", .output)]
        case .echo(_, let text):
            return [(text, .output)]
        case .expectation(let result):
            let subject = Self.pad("expect", subjectWidth(context))
            let verdict = result.passed
                ? "ok      \(result.condition)"
                : "FAILED  \(result.condition), found \(result.actual)  (\(result.span.location))"
            return [("\(Self.timeColumn(result.time))  \(subject)  \(verdict)", .output)]
        case .table(let table):
            return renderTable(table).map { ($0, .output) }
        case .text(let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), .output) }
        case .diagnostic(let diagnostic):
            return [(diagnostic.rendered, .error)]
        case .summary(let summary):
            return renderSummary(summary).map { ($0, .output) }
        case .file:
            // Text keeps each file's summary as the separator between files.
            return []
        }
    }

    private func renderTable(_ table: Table) -> [String] {
        var lines = [table.title]
        guard !table.columns.isEmpty else { return lines + table.notes }
        let cells = table.rows.map { $0.map(\.display) }
        let headings = table.columns.map(\.name)
        var widths = headings.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ row: [String]) -> String {
            var text = "  "
            for (index, cell) in row.enumerated() {
                text += index == row.count - 1 ? cell : Self.pad(cell, widths[index]) + "  "
            }
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        lines.append(line(headings))
        lines += cells.map(line)
        if cells.isEmpty { lines.append("  (none)") }
        return lines + table.notes
    }

    private func renderSummary(_ s: RunSummary) -> [String] {
        let t = s.statistics
        var lines = ["-- summary " + String(repeating: "-", count: 50)]
        lines.append("simulated time   \(s.time) (\(t.eventsProcessed) events)")
        lines.append("messages         \(t.messagesSent) sent, \(t.messagesDelivered) delivered, \(t.messagesDropped) dropped, "
                     + "\(t.retransmissions) retransmitted, \(t.localMessages) local")
        lines.append("network          \(t.packets) packets, \(Quantity.formatBytes(t.wireBytes)) on the wire")
        lines.append("operations       \(t.operationsDone) done, \(t.operationsFailed) failed, \(t.rpcCalls) rpc calls")
        lines.append("expectations     \(s.expectationsPassed) passed, \(s.expectationsFailed) failed")
        if s.pendingEvents > 0 { lines.append("still pending    \(s.pendingEvents) events") }
        return lines
    }
}
