import SpriteKernel

/// The pages of a declared space's segments, for the checks of patterns.
struct SpacePages: Sendable {
    var code: Int64?
    var data: Int64?
    var stack: Int64?

    func pages(_ segment: SegmentKind) -> Int64? {
        switch segment {
        case .code: code
        case .data: data
        case .stack: stack
        }
    }
}

/// `space NAME { code PATH SIZE [demand|eager]; data SIZE; stack SIZE; touch T; writes P%; pattern … }`.
struct SpaceSyntax: StatementSyntax {
    static let keywords = ["space"]
    static let help = HelpEntry(
        topic: "space",
        summary: "declare an address space: segments, the pages bursts touch, and how often they write",
        usage: ["space NAME { ITEM; ITEM … }",
                "ITEM: code PATH SIZE [demand|eager] | data SIZE | stack SIZE",
                "ITEM: touch T | writes P%",
                "ITEM: pattern random|sequential [over code|data|stack] [working-set SIZE]",
                "ITEM: pattern loop N pages [over SEG] | pattern trace \"0 1 2 7 0 1\" [over SEG]",
                "program NAME space SPACE { … }"],
        details: "Each process of a program declared with 'space' gets its own address space on its node: a "
            + "data and a stack segment, and the code of PATH shared with every process of the program on the "
            + "node. Its compute bursts touch one page every 'touch' of work (10us by default), as the pattern "
            + "says (random over data by default); 'writes' is the share of touches that write (0% by default), "
            + "and a page written is dirty until it is written out. A first touch of a data or stack page is a "
            + "zero-fill; a page that left memory comes back from its backing store; code pages come from "
            + "PATH. A program's 'pattern' step changes the pattern for its later bursts. help vm, help memory.",
        example: """
            space editor { code /bin/ed 64KB; data 1MB; stack 16KB; touch 100us; writes 30%
                           pattern sequential over data }
            program ed space editor { compute 100ms }
            """)

    static let items = ["code", "data", "stack", "touch", "writes", "pattern"]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let name = try parser.parseName("a new space name")
        var statement = SpaceStatement(span: keyword.span.through(name.span), name: name)
        var given: Set<String> = []
        try parser.parseItems(opening: keyword, words: items) { (parser: inout Parser) throws(Diagnostic) in
            let (item, _) = try parser.parseOption(Dictionary(uniqueKeysWithValues: items.map { ($0, $0) }),
                                                   of: "space")
            guard given.insert(item.text).inserted else {
                throw Diagnostic(.check, "\(item.text) is given twice in space \(name.text)", at: item.span,
                                 help: "give each item of a space once")
            }
            switch item.text {
            case "code":
                let (path, _) = try parser.parsePath("the program's file, such as /bin/cc")
                let size = try parser.parseQuantity(.size)
                var eager = false
                if parser.accept("eager") != nil { eager = true } else { _ = parser.accept("demand") }
                statement.code = (path, size, eager)
            case "data": statement.data = try parser.parseQuantity(.size)
            case "stack": statement.stack = try parser.parseQuantity(.size)
            case "touch": statement.touch = try parser.parseQuantity(.duration)
            case "writes": statement.writes = try parser.parseQuantity(.percent)
            default: statement.pattern = try PatternSyntax.parse(&parser, at: item, allowsDSM: false)
            }
        }
        return statement
    }
}

struct SpaceStatement: Statement {
    let span: SourceSpan
    let name: Name
    var code: (String, (Quantity, SourceSpan), Bool)?
    var data: (Quantity, SourceSpan)?
    var stack: (Quantity, SourceSpan)?
    var touch: (Quantity, SourceSpan)?
    var writes: (Quantity, SourceSpan)?
    var pattern: PatternSyntax?

    func check(_ checker: inout Checker) {
        let page = checker.symbols.pageSize
        func pages(_ size: (Quantity, SourceSpan)?, _ what: String) -> Int64 {
            guard let (value, valueSpan) = size else { return 0 }
            checker.requireBetweenZeroAnd(value, Limits.memory, what, at: valueSpan)
            return (value.integer + page - 1) / page
        }
        let layout = SpacePages(code: code.map { _ in pages(code?.1, "the code size") },
                                data: pages(data, "the data size"), stack: pages(stack, "the stack size"))
        if let (value, valueSpan) = touch {
            if value.integer <= 0 {
                checker.error("touch must be more than 0", at: valueSpan, help: "a page is touched every T of work")
            } else {
                checker.requireBetweenZeroAnd(value, Limits.duration, "touch", at: valueSpan)
            }
        }
        if let (value, valueSpan) = writes, value.real > 1 {
            checker.error("writes is a share from 0% to 100%", at: valueSpan, help: "such as writes 30%")
        }
        let chosen = pattern ?? PatternSyntax(kind: .random, span: span)
        chosen.check(segmentPages: layout.pages(chosen.segment) ?? 0, &checker)
        checker.symbols.spaces[name.text] = layout
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        var spec = AddressSpaceSpec(name: name.text)
        if let (path, size, eager) = code { spec.code = .init(path: path, bytes: size.0.integer, eager: eager) }
        spec.dataBytes = data?.0.integer ?? 0
        spec.stackBytes = stack?.0.integer ?? 0
        if let pattern { spec.pattern = pattern.accessPattern }
        if let (value, _) = touch { spec.touch = value.duration }
        if let (value, _) = writes { spec.writeShare = value.real }
        do {
            try interpreter.simulation.defineAddressSpace(spec)
        } catch {
            throw Diagnostic(.runtime, "cannot declare space '\(name.text)': \(EngineWords.describe(error))",
                             at: span)
        }
    }
}

/// `program NAME space SPACE { … }`.
extension SpaceSyntax {
    static func parseClause(_ parser: inout Parser) throws(Diagnostic) -> Name? {
        guard parser.accept("space") != nil else { return nil }
        return try parser.parseName("a space name")
    }

    /// The space must be declared; the program's pattern steps must stay inside its segments.
    static func checkClause(_ space: Name?, steps: [ProgramStep], _ checker: inout Checker) {
        guard let space else {
            // No space, no pages of its own to touch: a forked child that follows its own pattern in a copy of its
            // parent's pages declares its parent's space.
            if let pattern = firstPattern(in: steps) {
                checker.error("pattern needs a program with a space", at: pattern.span,
                              help: "declare the program with one: program NAME space SPACE { … } (help space)")
            }
            return
        }
        guard let layout = checker.symbols.spaces[space.text] else {
            let hint = checker.suggestion(for: space.text, among: checker.symbols.spaces.keys)
            checker.error("unknown space '\(space.text)'\(hint)", at: space.span,
                          help: "declare it first: space \(space.text) { data 64KB }")
            return
        }
        for step in steps {
            if case .pattern(let pattern) = step.syntax {
                pattern.check(segmentPages: layout.pages(pattern.segment) ?? 0, &checker)
            }
        }
    }

    private static func firstPattern(in steps: [ProgramStep]) -> PatternSyntax? {
        for step in steps {
            switch step.syntax {
            // A pattern over a dsm segment touches the shared segment's pages, not a space's.
            case .pattern(let pattern) where pattern.dsmSegment == nil: return pattern
            case .repeatBlock(_, let body): if let pattern = firstPattern(in: body) { return pattern }
            default: continue
            }
        }
        return nil
    }

    static func attach(_ space: Name, to program: String, _ interpreter: Interpreter) throws(Diagnostic) {
        do {
            try interpreter.simulation.attachSpace(program: program, space: space.text)
        } catch {
            throw Diagnostic(.runtime, "cannot give '\(program)' the space '\(space.text)': "
                             + EngineWords.describe(error), at: space.span)
        }
    }
}
