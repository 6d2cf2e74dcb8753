import SpriteKernel

/// `program NAME { STEPS }`: what a process runs.
struct ProgramSyntax: StatementSyntax {
    static let keywords = ["program"]
    static let help = HelpEntry(
        topic: "program",
        summary: "declare a program: the steps a spawned process runs, in order",
        usage: ["program NAME { STEP; STEP … }",
                "STEP: compute T [memory P%] | syscall T | io T | sleep T | exit",
                "STEP: syscall gettimeofday|getpid|signal|device [T]",
                "STEP: lock NAME [block|tas|ttas|spin-then-block T] | unlock NAME",
                "STEP: barrier NAME parties N | signal CHANNEL | wait CHANNEL | repeat N { STEPS }",
                "STEP: fork PROGRAM | shared fork PROGRAM | spawn PROGRAM on NODE",
                "STEP: send PROCESS [\"TEXT\"] [nowait] | receive | reply PROCESS [\"TEXT\"]",
                "STEP: moveto PROCESS SIZE | movefrom PROCESS SIZE",
                "STEP: open PATH [r|w|rw|append] | read [PATH] [block N | blocks A..B] | close [PATH]",
                "STEP: write [PATH] \"TEXT\"|SIZE|blocks A..B | append [PATH] \"TEXT\"|SIZE | sync",
                "STEP: delete PATH | stat PATH | mkdir PATH | ls PATH | create PATH size SIZE",
                "program NAME space SPACE { … }   STEP: pattern … (help space)"],
        details: """
            compute runs on a CPU under the node's scheduler; memory P% is the share of the burst spent on memory, \
            which the node's interconnect may slow (help multiprocessor). syscall is kernel work, run where the \
            node's OS organisation puts it; syscall gettimeofday, getpid, signal or device is a location-dependent \
            call (kernel work T, default 100us): made where the process runs while it is at home, and forwarded \
            by RPC to its home node once it has migrated (help migrate). io blocks on a device, sleep on a \
            timer. A lock is waited for by \
            blocking (the default: two context switches), spinning with test-and-set (tas) or test-and-test-and-set \
            (ttas), or spinning up to T and then blocking. Locks are not reentrant: taking a lock the process \
            holds, or releasing one it does not hold, is a runtime error that ends the run (status 3); a \
            process that ends holding locks releases them, each to its next waiter. Processes that each wait for \
            a lock the next one holds are deadlocked: the run prints a deadlock line when the cycle closes, they \
            stay blocked, and expect NODE.deadlocks counts the cycles. barrier waits until N \
            processes reach it. signal C sends \
            a message on the node's channel C and goes on; wait C takes the oldest message on C that another process \
            sent, or blocks until one comes: a message arrives the network's local-cost after it is sent (help \
            network). fork starts a child with its own copy of its parent's address space (UNIX fork; a child \
            whose program declares another space starts afresh in that one, as fork then exec), shared fork a \
            thread sharing it (Sprite; its program may not declare another space); spawn starts a process on \
            another node. As in UNIX, a forked child (fork or \
            shared fork) shares the files its parent has open: one session, which both write and read, ended \
            (with its close call, and its commit) by the last of them to close it or end; an earlier close is a \
            local call. A spawned child, on another node, starts with no open files. A child is named after the \
            process the script started, NAME.1, NAME.2, … however deep the chain of forks (migrate and expect \
            name it so, written together: migrate p.1 to ws2, expect p.1.cpu == 1s); one past the \
            processes limit ends the run (status 4). exit ends the process before its last step. A process \
            takes every step while it holds a \
            CPU: a fork, lock, I/O or exit step waits until the process is dispatched, as a burst does. \
            repeat N runs its steps N times (N up to \(Limits.repeatCount), nested at most \
            \(ProgramStepParser.maximumDepth) deep). send, receive, reply, moveto and movefrom are V's IPC steps, \
            with V's messages and costs, between this process and the spawned process named: send blocks \
            (blocked(message), off its CPU) until the peer replies; send nowait copies the message out and goes on \
            computing while it travels; receive blocks until a message arrives; reply, moveto and movefrom need a \
            peer blocked awaiting our reply. A step that cannot be done (no such process, no peer awaiting a \
            reply) fails, is reported, and the process goes on. The file steps are those of on NODE { } (help \
            files), without labels: the process asks its node's client and is blocked(file), off its CPU, until \
            the operation ends; a failed one is reported and the process goes on. The files it opens are its \
            own (a read or close without a PATH means the file it opened last), and show history and show \
            outcomes name it; the node's cache is shared by all its processes. When the process ends, the \
            files it left open are closed, as exit does in UNIX. Each process has its own operation \
            in flight, so two processes' operations on one node overlap (a read that misses while another \
            process fetches the same file asks the server too); on NODE { } steps still go one at a time. A \
            program may be declared again: processes spawned later run the new steps.
            """,
        example: """
            program worker {
              compute 30ms
              repeat 10 { compute 5ms memory 40%; syscall 200us }
              lock L tas; compute 2us; unlock L
              sleep 5ms
            }
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let name = try parser.parseName("a new program name")
        let space = try SpaceSyntax.parseClause(&parser)
        let steps = try ProgramStepParser.parseBlock(&parser, opening: keyword, depth: 0)
        return ProgramStatement(span: keyword.span.through(name.span), name: name, steps: steps, space: space)
    }
}

struct ProgramStatement: Statement {
    let span: SourceSpan
    let name: Name
    let steps: [ProgramStep]
    /// `space SPACE`: its processes get an address space (help space).
    var space: Name?

    func check(_ checker: inout Checker) {
        SpaceSyntax.checkClause(space, steps: steps, &checker)
        if steps.isEmpty {
            checker.error("program '\(name.text)' has no steps", at: name.span,
                          help: "give it at least one, such as: program \(name.text) { compute 10ms }")
        }
        // Declared first, so the program may fork or spawn itself.
        checker.symbols.programs[name.text] = steps
        checker.symbols.programSpaces[name.text] = space?.text
        ProgramStepChecker.check(steps, in: name.text, &checker)
        let expanded = ProgramStepChecker.expandedSteps(steps, laps: 1)
        if expanded > Limits.programSteps {
            let count = expanded == .max ? "more" : "\(expanded)"
            checker.error("program '\(name.text)' takes \(count) steps with its repeats "
                          + "multiplied out; a program may take at most \(Limits.programSteps)", at: name.span,
                          help: "repeat fewer times, or spawn several processes that share the work")
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        try interpreter.defineProgram(name.text, steps: steps, at: span)
        if let space { try SpaceSyntax.attach(space, to: name.text, interpreter) }
    }
}

/// The values and names in a program's steps.
enum ProgramStepChecker {
    static func check(_ steps: [ProgramStep], in program: String, _ checker: inout Checker) {
        for step in steps {
            let spans = step.valueSpans
            let at = { (index: Int) in index < spans.count ? spans[index] : step.span }
            switch step.syntax {
            case .compute(let time, let memory):
                checker.requireBetweenZeroAnd(time, Limits.longDuration, "the compute time", at: at(0))
                if let memory, memory.real > 1 {
                    checker.error("the memory share must be at most 100%", at: at(1),
                                  help: "it is the share of the burst spent on memory accesses, 0% to 100%")
                }
            case .syscall(let time), .io(let time), .sleep(let time), .locationCall(_, let time?):
                checker.requireBetweenZeroAnd(time, Limits.longDuration, "the time", at: at(0))
            case .lock(_, _, let limit?):
                checker.requireBetweenZeroAnd(limit, Limits.duration, "the spin limit", at: at(0))
            case .barrier(_, let parties):
                checker.requireRange(parties, 1...Limits.barrierParties, "parties", at: at(0))
            case .fork(let child, let shared):
                if resolveProgram(child, &checker), shared { checkThreadSpace(child, of: program, &checker) }
            case .spawn(let child, let node):
                resolveProgram(child, &checker)
                checker.resolveNode(node)
            case .repeatBlock(let count, let body):
                checker.requireRange(count, 1...Limits.repeatCount, "the repeat count", at: at(0))
                check(body, in: program, &checker)
            case .moveTo(_, let bytes), .moveFrom(_, let bytes):
                if bytes <= 0 || bytes > Limits.size {
                    checker.error("the size must be between 1B and 1GB", at: at(0), help: "give a size like 8KB")
                }
            case .send(_, let text, _), .reply(_, let text):
                // The fixed V message's limit, as the send statement checks it.
                if !text.isEmpty { MessageChecks.check(text: (text, at(0)), segment: nil, &checker) }
            case .file(let operation):
                operation.checkOperands(&checker)
            case .dsm(let step):
                step.check(&checker)
            case .pattern(let pattern):
                pattern.check(segmentPages: nil, &checker)
            case .lock, .unlock, .signal, .wait, .exit, .receive, .locationCall:
                break
            }
        }
    }

    /// Steps one run takes, each `repeat` multiplied out (the repeat itself counts once a lap of the
    /// level it is written at), as the engine counts them; saturates at Int64.max.
    static func expandedSteps(_ steps: [ProgramStep], laps: Int64) -> Int64 {
        var total: Int64 = 0
        for step in steps {
            // A repeat is bookkeeping, not a step: repeat 10000000 { compute 1ns } takes 10,000,000 steps.
            if case .repeatBlock(let count, let body) = step.syntax {
                let (inner, overflow) = laps.multipliedReportingOverflow(by: Int64(count))
                let nested = overflow ? .max : expandedSteps(body, laps: inner)
                total = total.addingReportingOverflow(nested).overflow ? .max : total + nested
            } else {
                total = total.addingReportingOverflow(laps).overflow ? .max : total + laps
            }
        }
        return total
    }

    /// A shared fork's child is a thread in its parent's space: a child declaring another space cannot be one.
    private static func checkThreadSpace(_ child: Name, of program: String, _ checker: inout Checker) {
        guard let childSpace = checker.symbols.programSpaces[child.text],
              childSpace != checker.symbols.programSpaces[program] else { return }
        let parentSpace = checker.symbols.programSpaces[program].map { "space \($0)" } ?? "no space"
        checker.error("shared fork \(child.text): a thread runs in its parent's space, but \(child.text) declares "
                      + "space \(childSpace) and \(program) has \(parentSpace)", at: child.span,
                      help: "fork \(child.text) (a process of its own, in space \(childSpace)), or declare "
                        + "\(child.text) without a space or with \(program)'s")
    }

    @discardableResult
    static func resolveProgram(_ name: Name, _ checker: inout Checker) -> Bool {
        if checker.symbols.programs[name.text] != nil { return true }
        let hint = checker.suggestion(for: name.text, among: checker.symbols.programs.keys)
        let known = checker.symbols.programs.keys.sorted()
        checker.error("unknown program '\(name.text)'\(hint)", at: name.span,
                      help: known.isEmpty ? "declare it first: program \(name.text) { compute 10ms }"
                        : "declared programs: " + known.prefix(8).joined(separator: ", ")
                            + (known.count > 8 ? ", and \(known.count - 8) more" : ""))
        return false
    }
}
