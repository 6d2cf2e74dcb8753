import SpriteKernel

/// `expect SUBJECT OP VALUE [within TOLERANCE]`: a checked claim about the run.
struct ExpectSyntax: StatementSyntax {
    static let keywords = ["expect"]
    static let help = HelpEntry(
        topic: "expect",
        summary: "check a value: a failed expect is reported and makes the exit status 1",
        usage: ["expect LABEL.FIELD OP VALUE [within TOLERANCE]",
                "expect read NODE|PROCESS PATH == \"TEXT\"", "expect ls NODE DIR == \"NAME NAME …\"",
                "expect stale-reads [unix|session|immutable|transaction] OP N",
                "expect stale-listings [unix|session] OP N",
                "expect lost-updates OP N", "expect crash-losses OP N",
                "expect semantics unix|session|immutable|transaction holds|violated",
                "expect PROCESS.FIELD|NODE.FIELD|stats.FIELD|avg.FIELD|now OP VALUE [within TOLERANCE]",
                "expect hops NODE -> NODE OP N", "expect dsm SEG [page N] FIELD OP VALUE",
                "expect penalty NODE -> NODE SIZE OP DURATION [within TOLERANCE]",
                "expect SWEEP[CHOICE=VALUE, …].FIELD OP VALUE [within TOLERANCE]"],
        details: """
            OP is one of == != < <= > >=; strings take == and != only. VALUE is a number with its unit, \
            a string, or another subject (expect local.time < remote.time). TOLERANCE has the value's unit \
            or is a percentage of it. Fields:
              operation (by label): time penalty packets bytes status text calls mean
              process: state received inbox queued
              node: state role cpu-busy
            \(ProcessFields.helpLines)
            \(MigrationFields.helpLines)
            \(PmakeFields.helpLine)
            \(StatisticsTable.helpLine)
            stale-reads counts reads that are not fresh under the model (unix by default); a read is judged \
            under all four models in 'show outcomes' (help semantics). ls NODE DIR is what an ls on NODE \
            would show now, through its view (its cached listing while it trusts it, else the server's), without \
            running one: the names in any order, separated by spaces or commas ("" for none). stale-listings counts \
            listings not fresh (unix by default, or session); they are not reads, and 'expect semantics unix' \
            or 'session' holds only when the listings are fresh too. read NODE PATH is the node's last read of \
            PATH; read PROCESS PATH that process's own (a declared one, or one running a program wherever it has \
            migrated): 'expect read moved /b == read stayed /a' compares a migrated run with a local one.
            """,
        example: """
            cluster { workstation ws1; server fs1; process client on ws1; process fileserver on fs1 }
            send client -> fileserver "read" as r1
            receive fileserver
            reply fileserver -> client "ok"
            run
            expect r1.time < 10ms
            expect client.received == "ok"
            expect stats.dropped == 0
            """)

    static let operators = ["==", "!=", "<", "<=", ">", ">="]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        if SweepExpect.startsHere(parser) { return try SweepExpect.parse(&parser, keyword: keyword) }
        let start = parser.peek.span
        let subject = try parseSubject(&parser)
        if case .semantics = subject {
            parser.offer(["holds", "violated"])
            let word = try parser.parseName("holds or violated")
            guard word.text == "holds" || word.text == "violated" else {
                throw Diagnostic(.syntax, "expected holds or violated, found '\(word.text)'", at: word.span,
                             help: "write holds or violated after the model")
            }
            let condition = start.file.text(line: start.line, from: start.column, to: word.span.endColumn)
            return ExpectStatement(span: keyword.span.through(word.span), subject: subject, op: "==",
                                   opSpan: word.span, value: .text(word.text), valueSpan: word.span, tolerance: nil,
                                   condition: condition)
        }
        let opToken = parser.peek
        guard opToken.kind == .symbol, operators.contains(opToken.text) else {
            throw parser.unexpected(expected: "a comparison (== != < <= > >=)")
        }
        parser.advance()
        try ExpectListing.requireNames(parser, subject)
        let valueToken = parser.peek
        let value: ExpectedValue
        switch valueToken.kind {
        case .string:
            let text = try parser.parseString("a value").0
            if case .listing = subject { value = .text(ExpectListing.normalize(text)) } else { value = .text(text) }
        case .identifier:
            value = .subject(try parseSubject(&parser))
        case .number:
            parser.advance()
            var span = valueToken.span
            let unit = valueToken.unit.isEmpty ? parser.separateUnit(&span) : nil
            value = .number(try Quantity.parse(valueToken, unit: unit))
        default:
            throw parser.unexpected(expected: "a value to compare with")
        }
        var tolerance: (Quantity, SourceSpan)?
        if parser.accept("within") != nil {
            let token = parser.peek
            guard token.kind == .number else { throw parser.unexpected(expected: "a tolerance like 1us or 5%") }
            parser.advance()
            var span = token.span
            let unit = token.unit.isEmpty ? parser.separateUnit(&span) : nil
            tolerance = (try Quantity.parse(token, unit: unit), span)
        }
        let end = parser.peek(ahead: -1).span
        let condition = start.file.text(line: start.line, from: start.column, to: end.endColumn)
        return ExpectStatement(span: keyword.span.through(end), subject: subject, op: opToken.text,
                               opSpan: opToken.span, value: value, valueSpan: valueToken.span, tolerance: tolerance,
                               condition: condition)
    }

    private static func parseSubject(_ parser: inout Parser) throws(Diagnostic) -> ExpectSubject {
        parser.offer(["now", "stats", ProcessFields.averageOwner, "stale-reads", "stale-listings", "lost-updates",
                      "crash-losses", "semantics",
                      "read", "ls", "hops", "penalty", "dsm"])
        parser.offerNames([.label, .process, .node])
        if parser.peek.kind == .path {
            // A path alone names no node: say how to check a file.
            throw parser.unexpected(expected: "what to check (a label, process, node, stats, now, hops or penalty)",
                                    help: "to check a file's contents: "
                                        + "expect read NODE \(parser.peek.text) == \"TEXT\"")
        }
        let first = try parser.parseName("what to check (a label, process, node, stats, now, hops or penalty)")
        switch first.text {
        case "now":
            return .now(first.span)
        case "stale-reads":
            var model = SharingModel.unix
            parser.offer(SharingModel.allCases.map(\.rawValue))
            if parser.peek.kind == .identifier {
                model = try parser.parseChoice(SharingModel.self, "sharing model", "models")
            }
            return .staleReads(model)
        case "stale-listings":
            return try ExpectListing.parseStaleListings(&parser)
        case "ls":
            return try ExpectListing.parseListing(&parser)
        case "lost-updates":
            return .lostUpdates
        case "dsm":
            return try ExpectDSM.parse(&parser)
        case "crash-losses":
            return .crashLosses
        case "semantics":
            return .semantics(try parser.parseChoice(SharingModel.self, "sharing model", "models"))
        case "read":
            let node = try parser.parseName("a node name")
            let (path, _) = try parser.parsePath()
            return .lastRead(node, path)
        case "hops", "penalty":
            let a = try parser.parseName("a node name")
            guard parser.acceptSymbol("->") != nil else { throw parser.unexpected(expected: "'->' and a second node") }
            let b = try parser.parseName("a node name")
            if first.text == "hops" { return .hops(a, b) }
            let (size, _) = try parser.parseQuantity(.size)
            return .penalty(a, b, size.integer)
        default:
            // A forked child, NAME.N: a number after the dot is never a field.
            let owner = parser.acceptChildIndex(of: first) ?? first
            guard parser.acceptSymbol(".") != nil else {
                throw parser.unexpected(expected: "'.' and a field, as in \(owner.text).time")
            }
            if parser.peek.kind == .number {
                throw parser.unexpected(expected: "a field name", help: "a forked child is written "
                                        + "\(first.text).N.FIELD, with no spaces and N its number from 1")
            }
            parser.offerFields(of: owner.text)
            var field = try parser.parseName("a field name")
            // stats.rpc.KIND and stats.requests.NODE, as 'show stats' lists them.
            if first.text == "stats", ["rpc", "requests"].contains(field.text), parser.acceptSymbol(".") != nil {
                let rest = try parser.parseName(field.text == "rpc" ? "a kind of call" : "a node name")
                field = Name(text: field.text + "." + rest.text, span: field.span.through(rest.span))
            }
            return .field(owner, field)
        }
    }
}

enum ExpectSubject: Sendable {
    case now(SourceSpan)
    case hops(Name, Name)
    case penalty(Name, Name, Int64)
    /// `owner.field`, where owner is a label, process, node or `stats`.
    case field(Name, Name)
    /// Reads not fresh under a sharing model.
    case staleReads(SharingModel)
    case lostUpdates
    case crashLosses
    /// "holds" when no read violates the model, else "violated".
    case semantics(SharingModel)
    /// What the node's last read of the path returned.
    case lastRead(Name, String)
    /// Listings not fresh under a sharing model (unix or session).
    case staleListings(SharingModel)
    /// What an ls of the directory on the node would show now.
    case listing(Name, String)
    /// A DSM segment's (or one page's) count.
    case dsm(Name, page: (Int, SourceSpan)?, field: Name)
}

enum ExpectedValue: Sendable {
    case number(Quantity)
    case text(String)
    /// Another measured value: `expect local.time < remote.time`.
    case subject(ExpectSubject)
}

/// What a subject's field measures; `nil` dimension means text.
enum FieldKind: Sendable {
    case operation, process, scheduled, node, stats, average, pmake

    var fields: [String: Dimension?] {
        switch self {
        case .operation:
            ["time": .duration, "penalty": .duration, "packets": .count, "bytes": .size, "status": nil,
             "text": nil, "calls": .count, "mean": .duration]
        // A declared process is measured as a scheduled one once its node's scheduler is declared.
        case .process: ProcessFields.process.merging(["state": nil, "received": nil, "inbox": .count,
                                                      "queued": .count]) { $1 }
        case .scheduled: ProcessFields.process.merging(["state": nil]) { $1 }.merging(MemoryFields.process) { $1 }
            .merging(MigrationFields.process) { $1 }
        case .node: ProcessFields.node.merging(["state": nil, "role": nil, "cpu-busy": .duration]) { $1 }
            .merging(MemoryFields.node) { $1 }.merging(BalancingFields.node) { $1 }
        case .stats: StatisticsTable.fixedDimensions
        case .average: ProcessFields.average
        case .pmake: PmakeFields.fields
        }
    }
}

struct ExpectStatement: Statement {
    let span: SourceSpan
    let subject: ExpectSubject
    let op: String
    let opSpan: SourceSpan
    let value: ExpectedValue
    let valueSpan: SourceSpan
    let tolerance: (Quantity, SourceSpan)?
    let condition: String

    func check(_ checker: inout Checker) {
        guard checker.allowedOutsideSweep("expect", at: span) else { return }
        guard let dimension = resolve(subject, &checker) else { return }
        if case .subject(let other) = value {
            guard let otherDimension = resolve(other, &checker) else { return }
            if otherDimension != dimension {
                checker.error("cannot compare \(Self.describe(dimension)) with \(Self.describe(otherDimension))",
                              at: valueSpan, help: "compare it with another \(Self.describe(dimension))")
            } else if dimension == nil, op != "==" && op != "!=" {
                checker.error("text compares with == or != only", at: opSpan, help: "use == or !=")
            }
            if let (tol, tolSpan) = tolerance, let wanted = dimension ?? nil, tol.dimension != wanted,
               tol.dimension != .percent {
                checker.error("the tolerance must be \(wanted.example) or a percentage", at: tolSpan,
                          help: "for example: within 5%")
            }
            return
        }
        switch (dimension, value) {
        case (nil, .text):
            if op != "==" && op != "!=" {
                checker.error("text compares with == or != only", at: opSpan, help: "use == or !=")
            }
            if tolerance != nil {
                checker.error("'within' applies to numbers, not text", at: valueSpan, help: "remove 'within …'")
            }
        case (nil, .number):
            checker.error("this field is text; compare it with a string in double quotes", at: valueSpan,
                          help: "put the value in double quotes: \"done\"")
        case (.some, .text):
            checker.error("this field is a number; compare it with a number, not text", at: valueSpan,
                          help: "write the value without quotes, with its unit: 2ms")
        case (_, .subject):
            break
        case (.some(let wanted), .number(let quantity)):
            if quantity.dimension != wanted {
                let found = quantity.dimension == .count ? "a plain number" : "a \(quantity.dimension.noun)"
                checker.error("expected \(wanted.example), found \(found)", at: valueSpan,
                              help: "units: " + Quantity.unitNames(for: wanted).joined(separator: " "))
            }
            if let (tol, tolSpan) = tolerance, tol.dimension != wanted, tol.dimension != .percent {
                checker.error("the tolerance must be \(wanted.example) or a percentage", at: tolSpan,
                          help: "for example: within 5%")
            }
        }
    }

    static func describe(_ dimension: Dimension?) -> String {
        dimension.map { "a \($0.noun)" } ?? "text"
    }

    /// The dimension of a subject (nil for text), or nil after reporting an error.
    private func resolve(_ subject: ExpectSubject, _ checker: inout Checker) -> Dimension?? {
        switch subject {
        case .now: return .some(.duration)
        case .staleReads, .staleListings, .lostUpdates, .crashLosses: return .some(.count)
        case .semantics: return .some(nil)
        case .dsm(let segment, let page, let field):
            return ExpectDSM.resolve(segment, page: page, field: field, &checker)
        case .lastRead(let reader, _):
            // A program process's own last read (a migrated run compared with a local one) is read too.
            if checker.symbols.scheduled.contains(reader.text) { return .some(nil) }
            return checker.resolveFileActor(reader) != nil ? .some(nil) : nil
        case .listing(let node, _): return checker.resolveNode(node) ? .some(nil) : nil
        case .hops(let a, let b):
            return checker.resolveNode(a) && checker.resolveNode(b) ? .some(.count) : nil
        case .penalty(let a, let b, let bytes):
            if bytes > Limits.size {
                checker.error("the size must be at most 1GB", at: opSpan, help: "give a size up to 1GB")
            }
            return checker.resolveNode(a) && checker.resolveNode(b) ? .some(.duration) : nil
        case .field(let owner, let field):
            guard let kind = Self.fieldKind(of: owner.text, checker.symbols) else {
                if checker.reportDeferred(owner) { return nil }
                if let threads = checker.symbols.jobs[owner.text], let first = threads.first {
                    let listed = threads.count <= 3 ? threads.joined(separator: ", ")
                        : "\(first), \(threads[1]) … \(threads[threads.count - 1])"
                    checker.error("'\(owner.text)' is a parallel job: expect checks its threads one by one (\(listed))",
                                  at: owner.span,
                                  help: "name a thread: expect \(first).\(field.text) …; the job is done when its "
                                    + "last thread is")
                    return nil
                }
                let names = checker.symbols.allNames + ["stats", ProcessFields.averageOwner]
                checker.error("unknown name '\(owner.text)'\(checker.suggestion(for: owner.text, among: names))",
                              at: owner.span,
                              help: "expect checks a label (from 'as'), a process, a node, a build (pmake), stats "
                                + "or avg")
                return nil
            }
            if kind == .stats {
                if let dimension = StatisticsTable.dimension(of: field.text, nodes: checker.symbols.nodes.keys) {
                    return .some(dimension)
                }
                let hint = Suggestions.didYouMean(field.text, among: StatisticsTable.names)
                checker.error("'stats' has no field '\(field.text)'\(hint)", at: field.span,
                              help: "fields: " + StatisticsTable.names.joined(separator: " "))
                return nil
            }
            guard let dimension = kind.fields[field.text] else {
                let hint = Suggestions.didYouMean(field.text, among: kind.fields.keys)
                checker.error("'\(owner.text)' has no field '\(field.text)'\(hint)", at: field.span,
                              help: "fields: " + kind.fields.keys.sorted().joined(separator: " "))
                return nil
            }
            return .some(dimension)
        }
    }

    static func fieldKind(of owner: String, _ symbols: SymbolTable) -> FieldKind? {
        if owner == "stats" { return .stats }
        if symbols.labels[owner] != nil { return .operation }
        if symbols.pmakes.contains(owner) { return .pmake }
        if symbols.processes[owner] != nil { return symbols.scheduled.contains(owner) ? .scheduled : .process }
        if symbols.forkedChildRoot(of: owner) != nil { return .scheduled }
        if symbols.nodes[owner] != nil { return .node }
        if owner == ProcessFields.averageOwner { return .average }
        return nil
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let actual = try measure(subject, interpreter)
        let passed: Bool
        let expected: JSONValue
        if case .subject(let other) = value {
            let reference = try measure(other, interpreter)
            passed = compare(actual, with: reference)
            expected = reference.json
        } else {
            passed = compare(actual, with: nil)
            expected = writtenJSON
        }
        var result = ExpectationResult(passed: passed, condition: condition, actual: render(actual),
                                       time: interpreter.simulation.now, span: span)
        result.actualValue = actual.json
        result.expectedValue = expected
        result.unit = actual.unit ?? expectedUnit
        interpreter.recordExpectation(result)
        if !passed && interpreter.options.bail {
            throw Diagnostic(.expectationBail, "expect failed; stopping (--bail)", at: span)
        }
    }

    enum Measured {
        case number(Int64, Dimension)
        /// A mean count (switches per process, run-queue length): not a whole number.
        case real(Double)
        case text(String)
        case missing(String)

        /// A number in base units, the text, or null when nothing was measured.
        var json: JSONValue {
            switch self {
            // A ratio is measured in millionths; JSON gives the fraction.
            case .number(let n, .percent): .double(Double(n) / 1_000_000)
            case .number(let n, _): .int(n)
            case .real(let x): .double(x)
            case .text(let t): .string(t)
            case .missing: .null
            }
        }

        var unit: String? {
            if case .real = self { return "count" }
            guard case .number(_, let dimension) = self else { return nil }
            return ExpectStatement.unitName(dimension)
        }
    }

    /// The base unit JSON names beside a number of this dimension.
    static func unitName(_ dimension: Dimension) -> String {
        switch dimension {
        case .duration: "ns"
        case .size: "bytes"
        case .bandwidth: "bps"
        case .rate: "bytes/s"
        case .percent: "ratio"
        case .count: "count"
        }
    }

    /// The value as written in the script, in base units.
    private var writtenJSON: JSONValue {
        switch value {
        case .number(let q):
            q.dimension == .percent || (q.dimension == .count && !q.isWhole) ? .double(q.real) : .int(q.integer)
        case .text(let t): .string(t)
        case .subject: .null
        }
    }

    private var expectedUnit: String? {
        guard case .number(let q) = value else { return nil }
        return Self.unitName(q.dimension)
    }

    private func measure(_ subject: ExpectSubject, _ interpreter: Interpreter) throws(Diagnostic) -> Measured {
        let s = interpreter.simulation
        switch subject {
        case .now: return .number(s.now.nanoseconds, .duration)
        case .staleReads(let model):
            return .number(Int64(interpreter.semantics().reads.filter { $0.judgement(model) != .fresh }.count), .count)
        case .lostUpdates: return .number(Int64(interpreter.semantics().lostUpdates.count), .count)
        case .crashLosses: return .number(Int64(s.crashLosses.count), .count)
        case .dsm(let segment, let page, let field):
            return try ExpectDSM.measure(segment, page: page, field: field.text, interpreter)
        case .semantics(let model):
            let holds = interpreter.semantics().reads.allSatisfy { $0.judgement(model) == .fresh }
                && ExpectListing.staleCount(s, model) == 0
            return .text(holds ? "holds" : "violated")
        case .staleListings(let model):
            return .number(Int64(ExpectListing.staleCount(s, model)), .count)
        case .listing(let node, let path):
            return try ExpectListing.peek(node, path, interpreter).map { .text($0) }
                ?? .missing("no directory \(path) on \(node.text)")
        case .lastRead(let node, let path):
            // A V process's own last read, or the node's last read by anyone on it.
            let program = s.node(named: node.text) == nil ? s.processID(named: node.text) : nil
            let process = s.node(named: node.text) == nil ? s.process(named: node.text) ?? program.map { Int($0.index) }
                : nil
            let index = if let program { s.home(of: program) } else if let process { s.processInfo(process).node }
                else { try interpreter.node(node) }
            let canonical = s.canonicalPath(path, node: index)
            let read = process.map { s.lastReadData(process: $0, path: canonical) }
                ?? s.lastReadData(node: index, path: canonical)
            guard let (bytes, size) = read else {
                return .missing("\(node.text) has not read \(path)")
            }
            return bytes.map { .text(String(decoding: $0, as: UTF8.self)) }
                ?? .missing("\(Quantity.formatBytes(size)) of synthetic data")
        case .hops(let a, let b):
            return .number(Int64(s.hops(from: try interpreter.node(a), to: try interpreter.node(b))), .count)
        case .penalty(let a, let b, let bytes):
            let penalty = s.networkPenalty(bytes: bytes, from: try interpreter.node(a), to: try interpreter.node(b))
            guard !penalty.isPastHorizon else {
                throw Diagnostic(.runtime, "moving \(Quantity.formatBytes(bytes)) from \(a.text) to \(b.text) "
                                 + "takes longer than simulated time lasts (about 146 years)", at: span)
            }
            return .number(penalty.nanoseconds, .duration)
        case .field(let owner, let field):
            if owner.text == "stats" { return statistic(field.text, s) }
            if let measured = PmakeFields.measure(owner, field.text, s) { return measured }
            if let measured = try ProcessFields.measure(owner, field.text, interpreter) { return measured }
            if let op = interpreter.labels[owner.text], let record = s.operation(op) {
                return operationField(field.text, record, s)
            }
            if let index = s.process(named: owner.text) {
                let p = s.processInfo(index)
                switch field.text {
                case "state":
                    return .text(ShowStatement.stateWord(p.state, s).split(separator: "(").first.map(String.init) ?? "")
                case "received": return p.lastReceived.map { .text($0) } ?? .missing("nothing received")
                case "inbox": return .number(Int64(p.inboxCount), .count)
                default: return .number(Int64(p.queuedSteps), .count)
                }
            }
            guard let index = s.node(named: owner.text) else {
                throw Diagnostic(.runtime, "'\(owner.text)' does not exist at \(s.now): the 'at' block that declares "
                                 + "it has not run yet", at: owner.span,
                                 help: "check it inside a later 'at' block, or after 'run'")
            }
            switch field.text {
            case "state": return .text(s.isUp(index) ? "up" : "down")
            case "role": return .text(s.nodeSpec(index).role.rawValue)
            default: return .number(s.cpuBusy(index).nanoseconds, .duration)
            }
        }
    }

    private func operationField(_ field: String, _ op: OperationRecord, _ s: Simulation) -> Measured {
        switch field {
        case "status": return .text(ShowStatement.statusWord(op.status))
        case "text":
            // A read keeps the id of what it returned; its text is made only when asked for.
            let read = op.content.flatMap { s.contentBytes($0, block: op.block).bytes }
                .map { String(decoding: $0, as: UTF8.self) }
            return (op.text ?? read).map { .text($0) } ?? .missing("no text")
        case "penalty": return .number(op.penalty.nanoseconds, .duration)
        case "packets": return .number(op.packets, .count)
        case "bytes": return .number(op.bytes, .size)
        case "calls": return .number(Int64(op.completedCalls), .count)
        case "mean":
            guard op.completedCalls > 0, let elapsed = op.elapsed else { return .missing("not finished") }
            return .number(elapsed.nanoseconds / Int64(op.completedCalls), .duration)
        default:
            guard let elapsed = op.elapsed else {
                return .missing("not finished (\(ShowStatement.statusWord(op.status)))")
            }
            return .number(elapsed.nanoseconds, .duration)
        }
    }

    private func statistic(_ field: String, _ s: Simulation) -> Measured {
        switch StatisticsTable.value(of: field, s) {
        case .count(let n): .number(n, .count)
        case .size(let n): .number(n, .size)
        case .duration(let t): .number(t.nanoseconds, .duration)
        case .ratio(_, 0): .missing("no accesses yet")
        case .noMean: .missing("nothing finished yet")
        // A ratio is measured in millionths, so it compares exactly with a written percentage.
        case .ratio(let hits, let total): .number(Int64(hits) * 1_000_000 / Int64(total), .percent)
        }
    }

    /// Compares the measured value with the written value, or with `reference`
    /// when the right-hand side is another subject.
    private func compare(_ actual: Measured, with reference: Measured?) -> Bool {
        let target: Double
        switch (actual, reference, value) {
        case (.text(let found), nil, .text(let wanted)), (.text(let found), .text(let wanted)?, _):
            return op == "==" ? found == wanted : found != wanted
        case (.number, .number(let n, _)?, _), (.real, .number(let n, _)?, _):
            target = Double(n)
        case (.number, .real(let x)?, _), (.real, .real(let x)?, _):
            target = x
        case (.real, nil, .number(let wanted)):
            target = wanted.real
        case (.number, nil, .number(let wanted)):
            target = wanted.dimension == .count ? wanted.real
                : wanted.dimension == .percent ? wanted.real * 1_000_000 : Double(wanted.integer)
        default:
            return false
        }
        let x: Double
        switch actual {
        case .number(let found, _): x = Double(found)
        case .real(let found): x = found
        default: return false
        }
        return ExpectComparison.holds(x, op, target, within: tolerance?.0)
    }

    private func render(_ actual: Measured) -> String {
        switch actual {
        case .number(let n, .percent):
            (n % 10_000 == 0 ? String(n / 10_000) : SimTimeDecimal.render(n, scale: 10_000)) + "%"
        case .number(let n, let dimension): Quantity.formatExact(n, dimension)
        case .real(let x): ProcessTables.plain(x)
        case .text(let t): JSONValue.quote(t)
        case .missing(let why): why
        }
    }
}
