import SpriteKernel

/// `show balance`: each balanced or watched node's load, the balancer's counts, the run's turnaround and
/// slowdown, and each eviction with its time. On a big cluster only the `rowLimit` busiest nodes are listed
/// (with a line summing the rest) unless `show balance all` asks for every one.
enum ShowBalance {
    /// Rows listed without `all`: a screenful, however many nodes are balanced.
    static let rowLimit = 20

    static func table(_ s: Simulation, all: Bool = false) -> Table {
        let members = Set(s.balancedNodes)
        let relevant = (0..<s.nodeCount).filter {
            members.contains($0) || s.isWatchedForIdle($0) || s.guests(on: $0) > 0 || s.lastInput(on: $0) != nil
        }
        let shown = all ? relevant : busiest(relevant, s)
        let rows: [[Cell]] = shown.map { node in
            [.text(s.nodeName(node)), .count(Int64(s.runQueueLength(of: node))),
             .ratio(s.loadAverage(of: node), shown: format(s.loadAverage(of: node))), .flag(s.isIdle(node)),
             .count(Int64(s.guests(on: node))), s.lastInput(on: node).map(Cell.time) ?? .none]
        }
        let listed = Set(shown)
        let hidden = relevant.filter { !listed.contains($0) }
        return Table(name: "balance", title: title(s),
                     columns: ["node", Column("queue", key: "queue"), Column("load avg", key: "load_average"),
                               "idle", "guests", Column("last input", key: "last_input_ns")],
                     rows: rows, notes: notes(s) + hiddenNote(hidden, s), fields: fields(s))
    }

    /// The `rowLimit` nodes with the longest run queues (then the most guests, the highest load average, the
    /// lowest index: the same choice every time), listed in node order.
    private static func busiest(_ nodes: [Int], _ s: Simulation) -> [Int] {
        guard nodes.count > rowLimit else { return nodes }
        let ranked = nodes.map { node in
            (node: node, queue: s.runQueueLength(of: node), guests: s.guests(on: node), load: s.loadAverage(of: node))
        }.sorted { a, b in
            if a.queue != b.queue { return a.queue > b.queue }
            if a.guests != b.guests { return a.guests > b.guests }
            if a.load != b.load { return a.load > b.load }
            return a.node < b.node
        }
        return ranked.prefix(rowLimit).map(\.node).sorted()
    }

    /// One line for the nodes left out: how many, and their queues and guests summed.
    private static func hiddenNote(_ hidden: [Int], _ s: Simulation) -> [String] {
        guard !hidden.isEmpty else { return [] }
        let queued = hidden.reduce(0) { $0 + s.runQueueLength(of: $1) }
        let guests = hidden.reduce(0) { $0 + s.guests(on: $1) }
        let idle = hidden.filter { s.isIdle($0) }.count
        return ["  \(Plural.of(hidden.count, "more node")) not listed (the \(rowLimit) with the longest run queues "
                + "are): \(Plural.of(queued, "process", plural: "processes")) running or ready, "
                + "\(Plural.of(guests, "guest")), \(idle) idle; 'show balance all' lists every node"]
    }

    /// The counts and the outcome JSON gives beside the rows (text has them in the notes).
    private static func fields(_ s: Simulation) -> [(String, JSONValue)] {
        let b = s.balancingStatistics
        let outcome = s.balanceOutcome()
        let finished = { (value: JSONValue) in outcome.finished == 0 ? JSONValue.null : value }
        let slowdown = { (value: JSONValue) in outcome.slowdowns == 0 ? JSONValue.null : value }
        return [("strategy", .string(s.balancerKind.rawValue)), ("probes", .int(Int64(b.probes))),
                ("host_requests", .int(Int64(b.centralRequests))), ("probe_bytes", .int(b.probeBytes)),
                ("placed", .int(Int64(b.placed))), ("pulled", .int(Int64(b.pulled))),
                ("failed_rounds", .int(Int64(b.failedRounds))), ("finished", .int(Int64(outcome.finished))),
                // Null with no finished program, as text says '-'.
                ("turnaround_mean_ns", finished(.int(outcome.meanTurnaround.nanoseconds))),
                ("turnaround_p95_ns", finished(.int(outcome.p95.nanoseconds))),
                ("turnaround_p99_ns", finished(.int(outcome.p99.nanoseconds))),
                // Rounded to the millionth as expect gives ratios: no float noise.
                // Null also when none of them used the CPU: the slowdown is undefined, as text's '-'.
                ("slowdown", slowdown(.millionths(outcome.meanSlowdown))),
                ("slowdown_median", slowdown(.millionths(outcome.medianSlowdown))),
                ("evictions", EvictionFields.json(s))]
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100)." + (fraction.count < 2 ? "0" + fraction : fraction)
    }

    private static func title(_ s: Simulation) -> String {
        let settings = s.balanceSettings
        var words = "load balancing: strategy \(s.balancerKind.rawValue)"
        if s.balancerKind != .none && s.balancerKind != .graph {
            words += ", threshold \(settings.threshold), probes \(settings.probes)"
            if settings.period > .zero { words += ", period \(settings.period)" }
            if let central = settings.central { words += ", central \(s.nodeName(central))" }
        }
        let idle = s.idleRule
        return words + "; idle: load average (decay \(idle.decay)) below \(format(idle.load)), no input for "
            + "\(idle.after)"
    }

    private static func notes(_ s: Simulation) -> [String] {
        let b = s.balancingStatistics
        let outcome = s.balanceOutcome()
        var notes = [
            "  \(Plural.of(b.probes, "probe")), \(Plural.of(b.centralRequests, "host request")), "
                + "\(EventWords.bytes(b.probeBytes)) of probes and requests, "
                + "\(Plural.of(b.placed, "arrival")) placed elsewhere, "
                + "\(Plural.of(b.pulled, "process", plural: "processes")) taken by receivers, "
                + "\(Plural.of(b.failedRounds, "round")) that found no partner",
            outcome.finished == 0 ? "  0 finished programs: turnaround and slowdown -"
                : "  \(Plural.of(outcome.finished, "finished program")): turnaround mean \(outcome.meanTurnaround), "
                + "p95 \(outcome.p95), p99 \(outcome.p99); "
                + (outcome.slowdowns == 0 ? "slowdown - (each program's turnaround over its CPU time; none used it)"
                    : "slowdown (each program's turnaround over its CPU time) mean \(format(outcome.meanSlowdown)), "
                    + "median \(format(outcome.medianSlowdown))"),
        ]
        for e in s.evictionReports {
            let names = e.processes.map { s.processName(Int($0.index)) }.joined(separator: " ")
            var line = "  evicted from \(s.nodeName(e.node)) at \(e.at): \(names.isEmpty ? "nothing moved" : names)"
            // A process that could not move still holds the host: only the moves have ended.
            let ended = e.stayed.isEmpty ? "host free" : "moves ended"
            line += e.time.map { ", \(ended) after \($0)" } ?? ", still moving"
            if !e.stayed.isEmpty {
                line += "; could not move: " + e.stayed.map { s.processName(Int($0.index)) }.joined(separator: " ")
            }
            notes.append(line)
        }
        return notes
    }
}
