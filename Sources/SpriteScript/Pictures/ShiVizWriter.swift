import SpriteKernel

/// A run as a ShiViz log (https://bestchai.bitbucket.io/shiviz/): every send and every delivery is an event
/// line, followed by its host and vector clock, `HOST {"HOST":n,…}`, which ShiViz's default parser reads:
///
///     (?<event>.*)\n(?<host>\S*) (?<clock>{.*})
///
/// The file's first line is that expression and its second the (empty) delimiter between executions, as
/// ShiViz's file upload expects. Clocks follow the usual rules: an event ticks its host's own entry; a
/// delivery first takes the entry-wise maximum with the clock its message was sent with.
struct ShiVizWriter {
    static let regex = #"(?<event>.*)\n(?<host>\S*) (?<clock>{.*})"#
    let run: RecordedRun

    init(_ run: RecordedRun) { self.run = run }

    /// One event: when it happened in the trace, where, what, and the message it sends or receives.
    private struct Event {
        var order: Int
        /// Sends before receives at one position (a local message is sent and received in one record).
        var phase: Int
        var host: Int
        var text: String
        var message: Int?
        var receives: Bool
    }

    var text: String {
        var events: [Event] = []
        // Hosts are lanes: nodes, or processes and kernels (a lane's name has no space: ShiViz reads `\S*`).
        let name = { (lane: Int) in run.lanes.indices.contains(lane) ? run.lanes[lane].name : "?" }
        for (index, drawn) in run.messages.enumerated() {
            let m = drawn.message
            guard let source = run.sourceLane(m), let destination = run.destinationLane(m) else { continue }
            let size = EventWords.bytes(m.payloadBytes)
            events.append(Event(order: m.sentOrder, phase: 0, host: source,
                                text: "send \(m.kind.rawValue) to \(name(destination)), \(size), at \(m.sentAt)"
                                    + (m.attempt > 0 ? " (attempt \(m.attempt + 1))" : ""),
                                message: index, receives: false))
            guard let end = m.endedAt, let endOrder = m.endOrder, m.dropped == nil else { continue }
            events.append(Event(order: endOrder, phase: 1, host: destination,
                                text: "receive \(m.kind.rawValue) from \(name(source)), \(size), at \(end)",
                                message: index, receives: true))
        }
        for (time, order, mark) in run.marks {
            switch mark {
            case .crashed(let node), .restarted(let node):
                let words = mark == .crashed(node: node) ? "crashed" : "restarted"
                for lane in run.lanes(onNode: node, at: time) {
                    events.append(Event(order: order, phase: 0, host: lane, text: "\(words) at \(time)",
                                        message: nil, receives: false))
                }
            default: continue
            }
        }
        events.sort { ($0.order, $0.phase, $0.host) < ($1.order, $1.phase, $1.host) }
        let lanes = Array(run.lanes.indices)
        var clocks: [Int: [Int: Int]] = [:]
        var sentWith: [Int: [Int: Int]] = [:]
        var lines = [Self.regex, ""]
        for event in events {
            var clock = clocks[event.host] ?? [:]
            if event.receives, let message = event.message, let carried = sentWith[message] {
                for (host, count) in carried { clock[host] = max(clock[host] ?? 0, count) }
            }
            clock[event.host, default: 0] += 1
            clocks[event.host] = clock
            if !event.receives, let message = event.message { sentWith[message] = clock }
            lines.append(Self.singleLine(event.text))
            let entries = lanes.compactMap { host in clock[host].map { "\"\(name(host))\":\($0)" } }
            lines.append("\(name(event.host)) {" + entries.joined(separator: ", ") + "}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An event stays on its one line: the parser reads the next line as its host and clock.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
