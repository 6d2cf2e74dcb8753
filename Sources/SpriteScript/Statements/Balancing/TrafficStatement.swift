import SpriteKernel

/// `traffic A B VOLUME`: the communication between two processes, for a graph placement.
struct TrafficSyntax: StatementSyntax {
    static let keywords = ["traffic"]
    static let help = HelpEntry(
        topic: "traffic",
        summary: "declare how much two processes talk, for a graph-theoretic placement (balance … strategy graph)",
        usage: ["traffic PROCESS PROCESS VOLUME"],
        details: "The names are the names the processes will be spawned as; a pair declared twice adds up. "
            + "'balance NODES strategy graph [capacity N]' then partitions every named process over NODES so "
            + "the traffic between processes on different nodes (the arcs cut) is least, prints the partition "
            + "and the cut, and moves each named process arriving on one of NODES to its node. Traffic declared "
            + "after the balance line counts too: the placement is done again, and printed, when the next run "
            + "starts (or after the 'at' block that declared it); processes already placed stay where they are.",
        example: """
            cluster { workstation ws1, ws2 }
            traffic a b 8KB
            traffic b c 2KB
            traffic c d 8KB
            balance ws1, ws2 strategy graph capacity 2
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let first = try parser.parseName("the first process's name")
        let second = try parser.parseName("the second process's name")
        let (volume, volumeSpan) = try parser.parseQuantity(.size)
        return TrafficStatement(span: keyword.span.through(volumeSpan), first: first, second: second,
                                volume: volume.integer, volumeSpan: volumeSpan)
    }
}

struct TrafficStatement: Statement {
    let span: SourceSpan
    let first: Name
    let second: Name
    let volume: Int64
    let volumeSpan: SourceSpan

    func check(_ checker: inout Checker) {
        if first.text == second.text {
            checker.error("a process does not send traffic to itself across a node boundary", at: second.span,
                          help: "name two different processes")
        }
        if volume > Limits.size {
            checker.error("the volume must be at most 1GB", at: volumeSpan, help: "give a size up to 1GB")
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        do {
            try interpreter.simulation.declareTraffic(first.text, second.text, volume: volume)
        } catch {
            throw Diagnostic(.runtime, "cannot declare traffic: \(error)", at: span, help: "see help traffic")
        }
    }
}
