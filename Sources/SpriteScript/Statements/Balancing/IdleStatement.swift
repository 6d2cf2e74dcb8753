import SpriteKernel

/// `idle NODES after T load L [decay T]`: Sprite's rule for a host it may lend.
struct IdleSyntax: StatementSyntax {
    static let keywords = ["idle"]
    static let help = HelpEntry(
        topic: "idle",
        summary: "Sprite's idle-host rule: load average below L and no user input for T",
        usage: ["idle NODES after DURATION load NUMBER [decay DURATION]"],
        details: "A node's load average is its run-queue length (running and ready processes) decayed "
            + "exponentially with time constant 'decay' (default 1min, Unix's one-minute average), brought up "
            + "to date whenever its scheduler changes the queue, with no timer per node. One of NODES is idle "
            + "when that average is below 'load' and its owner gave no input (help input) for 'after' (Sprite: "
            + "30s); a node that never had input counts as having had none for longer than 'after', so it can be "
            + "idle at once. Strategy sprite lends only idle hosts (help balance); show balance gives each node's "
            + "load average and whether it is idle; expect reads NODE.load (the average now) and NODE.idle (1 "
            + "when idle now, else 0).",
        example: """
            cluster { server fs1; workstation ws1, ws2 }
            idle ws1, ws2 after 30s load 0.5
            input ws2 at 10s
            advance 20s
            show balance
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        parser.offerNames([.node])
        let nodes = try parser.parseNameList("the nodes the idle rule watches")
        _ = try parser.expectWord("after")
        let after = try parser.parseQuantity(.duration)
        _ = try parser.expectWord("load")
        let load = try parser.parseQuantity(.count)
        var decay: (Quantity, SourceSpan)?
        if parser.accept("decay") != nil { decay = try parser.parseQuantity(.duration) }
        return IdleStatement(span: keyword.span.through(decay?.1 ?? load.1), nodes: nodes, after: after, load: load,
                             decay: decay)
    }
}

struct IdleStatement: Statement {
    let span: SourceSpan
    let nodes: [Name]
    let after: (Quantity, SourceSpan)
    let load: (Quantity, SourceSpan)
    let decay: (Quantity, SourceSpan)?

    func check(_ checker: inout Checker) {
        for node in nodes { _ = checker.resolveNode(node) }
        if after.0.integer > Limits.longDuration {
            checker.error("'after' must be at most \(SimTime(nanoseconds: Limits.longDuration))", at: after.1,
                          help: "Sprite waited 30s")
        }
        if load.0.real < 0 || load.0.real > 1_000 {
            checker.error("the load must be 0 to 1000", at: load.1, help: "Sprite used about 0.5")
        }
        if let decay, decay.0.integer <= 0 || decay.0.integer > Limits.longDuration {
            checker.error("the decay must be more than 0 and at most \(SimTime(nanoseconds: Limits.longDuration))",
                          at: decay.1, help: "Unix's one-minute load average: decay 1min")
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        var indices: [Int] = []
        for node in nodes { indices.append(try interpreter.node(node)) }
        do {
            try interpreter.simulation.setIdleRule(nodes: indices, after: after.0.duration, load: load.0.real,
                                                   decay: decay?.0.duration)
        } catch {
            throw Diagnostic(.runtime, "cannot set the idle rule: \(error)", at: span, help: "see help idle")
        }
    }
}

/// `input NODE [at T]`: the owner types or moves the mouse: the node is not idle for a while, and the
/// foreign processes on it are sent home.
struct InputSyntax: StatementSyntax {
    static let keywords = ["input"]
    static let help = HelpEntry(
        topic: "input",
        summary: "the owner's keyboard or mouse activity on a node: it stops being idle, foreign processes go home",
        usage: ["input NODE [at TIME|+DURATION]"],
        details: "Now, or at TIME (as 'at TIME { input NODE }'). The node is not idle until 'after' has passed "
            + "with no more input (help idle), and every process on it whose home is another node is migrated "
            + "home at once (Sprite's eviction), each a migration of its own (help migrate): one blocked in a "
            + "call leaves when the call ends (never, if it waits for ever), one still arriving leaves when it "
            + "lands, one already moving away frees the host when it is gone. show balance lists "
            + "each eviction and the time from the input until the last foreign process has left (host free); "
            + "expect reads stats.evicted (processes that have left) and stats.eviction-time (the mean over "
            + "finished evictions).",
        example: """
            cluster { network ethernet preset sprite-1988; server fs1; workstation ws1, ws2 }
            program job { compute 5s }
            spawn job as j on ws2 home ws1
            input ws2 at 2s
            run
            show balance
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        parser.offerNames([.node])
        let node = try parser.parseName("the node the input is on")
        let input = InputStatement(span: keyword.span.through(node.span), node: node)
        guard let at = parser.accept("at") else { return input }
        let relative = parser.acceptSymbol("+") != nil
        let (time, timeSpan) = try parser.parseQuantity(.duration)
        return AtStatement(span: at.span.through(timeSpan), time: time.duration, relative: relative, body: [input])
    }
}

struct InputStatement: Statement {
    let span: SourceSpan
    let node: Name

    func check(_ checker: inout Checker) { _ = checker.resolveNode(node) }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let index = try interpreter.node(node)
        do {
            try interpreter.simulation.userInput(on: index)
        } catch {
            throw Diagnostic(.runtime, "cannot deliver input: \(error)", at: span, help: "see help input")
        }
    }
}
