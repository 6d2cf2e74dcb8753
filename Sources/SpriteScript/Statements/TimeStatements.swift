import SpriteKernel

/// `at TIME { … }`: run statements when the clock reaches TIME.
struct AtSyntax: StatementSyntax {
    static let keywords = ["at"]
    static let help = HelpEntry(
        topic: "at",
        summary: "run a block of statements at a simulated time",
        usage: ["at TIME { STATEMENTS }", "at +DURATION { STATEMENTS }"],
        details: "TIME is absolute; +DURATION is relative to now. The block runs when 'run' or 'advance' "
            + "reaches that time. Statements outside 'at' happen at the current time.",
        example: """
            cluster { server fs1; workstation ws1 }
            at 5ms { crash fs1 }
            at +1s { restart fs1 }
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let relative = parser.acceptSymbol("+") != nil
        let (time, span) = try parser.parseQuantity(.duration)
        let body = try parser.parseBlock(opening: keyword)
        return AtStatement(span: keyword.span.through(span), time: time.duration, relative: relative, body: body)
    }
}

struct AtStatement: Statement {
    let span: SourceSpan
    let time: SimTime
    let relative: Bool
    let body: [any Statement]

    func check(_ checker: inout Checker) {
        if time.nanoseconds > Limits.longDuration {
            checker.error("'at' reaches at most \(SimTime(nanoseconds: Limits.longDuration)) ahead", at: span,
                          help: "give a time up to \(SimTime(nanoseconds: Limits.longDuration))")
        }
        checker.checkDeferred(body, at: relative ? nil : time)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let simulation = interpreter.simulation
        let when = relative ? try interpreter.deadline(after: time, at: span) : time
        do {
            let id = try simulation.scheduleTimer(at: when)
            interpreter.timers[id] = TimedBlock(body: body, time: when, node: interpreter.currentNode,
                                                process: interpreter.currentProcess,
                                                allowFailures: interpreter.allowFailures)
        } catch {
            throw Diagnostic(.runtime, "'at \(time)' is in the past: the clock already reads \(simulation.now)",
                             at: span, help: "use 'at +DURATION' for a time relative to now")
        }
    }
}

/// `advance DURATION`: run the engine for a while.
struct AdvanceSyntax: StatementSyntax {
    static let keywords = ["advance"]
    static let placement = StatementPlacement.topLevel
    static let help = HelpEntry(
        topic: "advance",
        summary: "move the clock forward, running everything due until then",
        usage: ["advance DURATION"],
        details: "Only at the top level: inside an 'at' or 'on' block the engine is already running, so "
            + "there it is an error (schedule later work with 'at +T { … }').",
        example: "advance 30s")

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let (duration, span) = try parser.parseQuantity(.duration)
        return AdvanceStatement(span: keyword.span.through(span), duration: duration, durationSpan: span)
    }
}

struct AdvanceStatement: Statement {
    let span: SourceSpan
    let duration: Quantity
    let durationSpan: SourceSpan

    func check(_ checker: inout Checker) {
        _ = checker.requireTopLevel("advance", at: span)
        checker.requireBetweenZeroAnd(duration, Limits.longDuration, "advance", at: durationSpan, allowZero: true,
                                      help: "for longer, write several 'advance' statements")
        checker.promoteDeferredNames()
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        try interpreter.runEngine(until: try interpreter.deadline(after: duration.duration, at: span), at: span)
    }
}

/// `run [limit N]`: run until nothing is left to do.
struct RunSyntax: StatementSyntax {
    static let keywords = ["run"]
    static let placement = StatementPlacement.topLevel
    static let help = HelpEntry(
        topic: "run",
        summary: "run the engine until it is idle (at most LIMIT events)",
        usage: ["run [limit EVENTS]"],
        details: "Without a limit, the run may use what is left of the script's events (--limit events=N, "
            + "50,000,000 by default, for the whole script). LIMIT may lower that for this run, not raise it. "
            + "Reaching a limit ends the script with status 4, so a script that never settles cannot hang. "
            + "Ctrl-C at the prompt interrupts a long run. Only at the top level, as for 'advance'.",
        example: "run\nrun limit 1000")

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        var limit: (Int, SourceSpan)?
        if parser.accept("limit") != nil {
            let span = parser.peek.span
            limit = (try parser.parseCount("an event count"), span)
        }
        return RunStatement(span: keyword.span, limit: limit)
    }
}

struct RunStatement: Statement {
    let span: SourceSpan
    let limit: (Int, SourceSpan)?

    func check(_ checker: inout Checker) {
        _ = checker.requireTopLevel("run", at: span)
        if let (value, span) = limit {
            checker.requireRange(value, 1...Int(Int32.max), "the event limit", at: span)
            if Int64(value) > checker.limits.events {
                checker.report(Diagnostic(.limit, "'run limit \(value)' is more than the script's event limit, "
                                          + "\(checker.limits.events) (\(checker.limits.option(.events)))", at: span,
                                          help: "a script may lower the limit, not raise it: raise it with "
                                            + "--limit events=N on the command line"))
            }
        }
        checker.promoteDeferredNames()
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        try interpreter.runEngine(until: nil, eventLimit: limit?.0, at: span)
    }
}
