import SpriteKernel

/// How a process waits for a lock another holds.
enum LockKindWord: String, CaseIterable, Sendable {
    case block, tas, ttas, spinThenBlock = "spin-then-block"
}

/// One step of a program, as written.
indirect enum StepSyntax: Sendable {
    /// `compute T [memory P%]`: CPU work, P of it memory accesses.
    case compute(Quantity, memory: Quantity?)
    /// Kernel work, placed by the node's OS organisation.
    case syscall(Quantity)
    /// `syscall gettimeofday|getpid|signal|device [T]`: forwarded to the home node once migrated (help migrate).
    case locationCall(LocationCall, Quantity?)
    /// Blocked on a device for T (job lists write it `io T`).
    case io(Quantity)
    case sleep(Quantity)
    case lock(Name, LockKindWord, spinLimit: Quantity?)
    case unlock(Name)
    case barrier(Name, parties: Int)
    /// `signal C` / `wait C`: a message between processes of one node on channel C.
    case signal(Name)
    case wait(Name)
    /// `fork P` (a copy of the address space) or `shared fork P` (a thread in it).
    case fork(program: Name, shared: Bool)
    case spawn(program: Name, node: Name)
    case exit
    case repeatBlock(Int, [ProgramStep])
    case send(peer: Name, text: String, nowait: Bool)
    case receive
    case reply(peer: Name, text: String)
    case moveTo(peer: Name, bytes: Int64)
    case moveFrom(peer: Name, bytes: Int64)
    /// A file operation, written as inside `on NODE { }`.
    case file(FileStatement)
    /// `dsm read|write SEG OFFSET [size SIZE] | dsm acquire L | dsm release L | dsm barrier B parties N`.
    case dsm(DSMStep)
    /// Later bursts touch pages as this pattern says (help space).
    case pattern(PatternSyntax)
}

struct ProgramStep: Sendable {
    let span: SourceSpan
    let syntax: StepSyntax
    /// Where each value was written, in order, for the checks.
    var valueSpans: [SourceSpan] = []
}

/// Reads the steps of `program NAME { }` and of `repeat N { }`.
enum ProgramStepParser {
    static let words = ["compute", "syscall", "io", "sleep", "lock", "unlock", "barrier", "dsm", "signal", "wait",
                        "fork", "shared", "spawn", "exit", "repeat", "send", "receive", "reply", "moveto", "movefrom"]
        + FileSyntax.keywords + ["pattern"]
    /// `repeat` inside `repeat` at most this deep: the process's cursor keeps one frame per level.
    static let maximumDepth = 8

    static func parseBlock(_ parser: inout Parser, opening keyword: Token,
                           depth: Int) throws(Diagnostic) -> [ProgramStep] {
        var steps: [ProgramStep] = []
        try parser.parseItems(opening: keyword, words: words) { (parser: inout Parser) throws(Diagnostic) in
            steps.append(try parseStep(&parser, depth: depth))
        }
        return steps
    }

    private static func parseStep(_ parser: inout Parser, depth: Int) throws(Diagnostic) -> ProgramStep {
        let keyword = parser.peek
        let help = "steps: " + words.joined(separator: " ")
        guard keyword.kind == .identifier else { throw parser.unexpected(expected: "a program step", help: help) }
        guard words.contains(keyword.text) else {
            let near = Suggestions.didYouMean(keyword.text, among: words)
            throw Diagnostic(.syntax, "unknown program step '\(keyword.text)'\(near)", at: keyword.span, help: help)
        }
        parser.advance()
        var spans: [SourceSpan] = []
        func duration(_ parser: inout Parser) throws(Diagnostic) -> Quantity {
            let (value, span) = try parser.parseQuantity(.duration)
            spans.append(span)
            return value
        }
        let syntax: StepSyntax
        switch keyword.text {
        case "compute":
            let time = try duration(&parser)
            var memory: Quantity?
            if parser.accept("memory") != nil {
                let (share, span) = try parser.parseQuantity(.percent)
                spans.append(span)
                memory = share
            }
            syntax = .compute(time, memory: memory)
        case "syscall" where parser.peek.kind == .identifier:
            let call = try parser.parseChoice(LocationCall.self, "location-dependent call", "calls")
            syntax = .locationCall(call, parser.atStatementEnd ? nil : try duration(&parser))
        case "syscall": syntax = .syscall(try duration(&parser))
        case "io": syntax = .io(try duration(&parser))
        case "sleep": syntax = .sleep(try duration(&parser))
        case "lock":
            let name = try parser.parseName("a lock name")
            var kind = LockKindWord.block
            var limit: Quantity?
            if !parser.atStatementEnd {
                kind = try parser.parseChoice(LockKindWord.self, "lock kind", "lock kinds")
                if kind == .spinThenBlock { limit = try duration(&parser) }
            }
            syntax = .lock(name, kind, spinLimit: limit)
        case "unlock": syntax = .unlock(try parser.parseName("a lock name"))
        case "signal": syntax = .signal(try parser.parseName("a channel name"))
        case "wait": syntax = .wait(try parser.parseName("a channel name"))
        case "barrier":
            let name = try parser.parseName("a barrier name")
            _ = try parser.expectWord("parties")
            let token = parser.peek
            let parties = try parser.parseCount("the number of parties")
            spans.append(token.span)
            syntax = .barrier(name, parties: parties)
        case "shared":
            _ = try parser.expectWord("fork")
            syntax = .fork(program: try parser.parseName("a program name"), shared: true)
        case "fork": syntax = .fork(program: try parser.parseName("a program name"), shared: false)
        case "spawn":
            let program = try parser.parseName("a program name")
            _ = try parser.expectWord("on")
            syntax = .spawn(program: program, node: try parser.parseName("a node name"))
        case "exit": syntax = .exit
        case "repeat":
            let token = parser.peek
            let count = try parser.parseCount("a repeat count")
            spans.append(token.span)
            guard depth < maximumDepth else {
                throw Diagnostic(.check, "repeat is nested more than \(maximumDepth) deep", at: keyword.span,
                                 help: "fold the inner repeats into one: repeat counts multiply")
            }
            syntax = .repeatBlock(count, try parseBlock(&parser, opening: keyword, depth: depth + 1))
        case "send", "reply":
            let peer = try parser.parseName("a process name")
            var text = ""
            if parser.peek.kind == .string {
                let (value, span) = try parser.parseString(keyword.text == "send" ? "message text" : "reply text")
                text = value
                spans.append(span)
            }
            syntax = keyword.text == "send" ? .send(peer: peer, text: text, nowait: parser.accept("nowait") != nil)
                : .reply(peer: peer, text: text)
        case "receive": syntax = .receive
        case "dsm": syntax = .dsm(try DSMStep.parse(&parser))
        case "pattern":
            syntax = .pattern(try PatternSyntax.parse(&parser, at: Name(text: "pattern", span: keyword.span)))
        case _ where FileSyntax.keywords.contains(keyword.text):
            let operation = try FileSyntax.parseOperation(&parser, keyword: keyword)
            if let label = operation.label {
                throw Diagnostic(.check, "a program's file step cannot be labelled", at: label.span,
                                 help: "a label names one operation, and the step runs once per process and lap: "
                                    + "drop 'as \(label.text)' and read the steps with show history")
            }
            syntax = .file(operation)
        default:
            let peer = try parser.parseName("a process name")
            let (size, span) = try parser.parseQuantity(.size)
            spans.append(span)
            syntax = keyword.text == "moveto" ? .moveTo(peer: peer, bytes: size.integer)
                : .moveFrom(peer: peer, bytes: size.integer)
        }
        return ProgramStep(span: keyword.span.through(parser.peek(ahead: -1).span), syntax: syntax,
                           valueSpans: spans)
    }
}
