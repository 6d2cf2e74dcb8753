import SpriteKernel

/// Who locates a DSM page's owner, as the language writes it.
enum DSMManagerWord: String, CaseIterable, Sendable {
    case central, fixed, dynamic
}

/// `dsm SEG pages N [page SIZE] on NODES [manager …] [consistency …] [fault-cpu T] [service T]`.
struct DSMSyntax: StatementSyntax {
    static let keywords = ["dsm"]
    static let help = DSMHelp.statement

    static let options = ["page", "manager", "consistency", "fault-cpu", "service"]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let name = try parser.parseName("a new segment name")
        _ = try parser.expectWord("pages")
        let pagesToken = parser.peek
        if pagesToken.kind == .number, pagesToken.unit.isEmpty, !pagesToken.text.contains("."),
           (Int(pagesToken.text) ?? Int.max) > Limits.dsmPages {
            // Past any int the parser reads too: the help names the segment's own bound, not Int32's.
            throw Diagnostic(.check, "pages must be between 1 and \(Limits.dsmPages), not \(pagesToken.text)",
                             at: pagesToken.span, help: "give a whole number from 1 to \(Limits.dsmPages)")
        }
        let pages = try parser.parseCount("the number of pages")
        var statement = DSMStatement(span: keyword.span.through(name.span), name: name, pages: pages,
                                     pagesSpan: pagesToken.span)
        if parser.accept("page") != nil { statement.pageSize = try parser.parseQuantity(.size) }
        _ = try parser.expectWord("on")
        parser.offerNames([.node])
        statement.nodes = try parser.parseNameList("a node name")
        while !parser.atStatementEnd {
            let (option, _) = try parser.parseOption(Dictionary(uniqueKeysWithValues: options.map { ($0, ()) }),
                                                     of: "dsm")
            switch option.text {
            case "page": statement.pageSize = try parser.parseQuantity(.size)
            case "manager":
                let word = try parser.parseChoice(DSMManagerWord.self, "manager", "managers")
                statement.manager = word
                if word == .central, parser.accept("on") != nil {
                    parser.offerNames([.node])
                    statement.managerNode = try parser.parseName("a node name")
                }
            case "consistency":
                statement.consistency = try parser.parseChoice(DSMConsistencyKind.self, "consistency model",
                                                               "models")
            case "fault-cpu": statement.faultCPU = try parser.parseQuantity(.duration)
            default: statement.service = try parser.parseQuantity(.duration)
            }
        }
        return statement
    }
}

struct DSMStatement: Statement {
    let span: SourceSpan
    let name: Name
    let pages: Int
    let pagesSpan: SourceSpan
    var pageSize: (Quantity, SourceSpan)?
    var nodes: [Name] = []
    var manager = DSMManagerWord.central
    var managerNode: Name?
    var consistency = DSMConsistencyKind.sequential
    var faultCPU: (Quantity, SourceSpan)?
    var service: (Quantity, SourceSpan)?

    static let defaultPageSize: Int64 = 4096

    func check(_ checker: inout Checker) {
        if checker.symbols.dsmSegments[name.text] != nil {
            // Replacing it would leave running processes on the old tables, out of `show dsm`.
            checker.error("segment '\(name.text)' is already declared", at: name.span,
                          help: "a segment is declared once: give the new one another name, such as '\(name.text)2'")
            return
        }
        checker.requireRange(pages, 1...Limits.dsmPages, "pages", at: pagesSpan)
        var size = Self.defaultPageSize
        if let (quantity, at) = pageSize {
            size = quantity.integer
            if size < 8 || size > Limits.dsmPageSize || size & (size - 1) != 0 {
                checker.error("a DSM page is a power of two from 8B to 64KB", at: at,
                              help: "for example: page 4KB (the default) or page 1KB")
            }
        }
        if nodes.count > DSMSegmentSpec.maximumNodes {
            checker.error("a segment spreads over at most \(DSMSegmentSpec.maximumNodes) nodes, not \(nodes.count)",
                          at: nodes[DSMSegmentSpec.maximumNodes].span,
                          help: "a copy set is one 64-bit word: split the nodes over two segments")
        }
        var seen: Set<String> = []
        for node in nodes {
            _ = checker.resolveNode(node)
            if !seen.insert(node.text).inserted {
                checker.error("\(node.text) is named twice", at: node.span, help: "name each node once")
            }
        }
        if let managerNode { _ = checker.resolveNode(managerNode) }
        for (option, value) in [("fault-cpu", faultCPU), ("service", service)] {
            guard let (time, at) = value else { continue }
            checker.requireBetweenZeroAnd(time, Limits.duration, option, at: at, allowZero: true)
        }
        let records = Int64(pages) * Int64(max(1, nodes.count))
        if records > Limits.dsmCopies {
            checker.error("\(pages) pages on \(nodes.count) nodes keep \(records) copies; at most "
                          + "\(Limits.dsmCopies) fit the memory limit", at: pagesSpan,
                          help: "declare fewer pages or fewer nodes")
        }
        checker.symbols.dsmSegments[name.text] = DSMSymbol(pages: pages, pageSize: size)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        // Checked before the tables are made: a page's record and one copy's per node, eight to a record.
        let records = (pages + pages * nodes.count) / 8
        if interpreter.recordsHeld + records > interpreter.limits.memory {
            throw interpreter.limits.reached(.memory, "dsm \(name.text) would keep \(records) records "
                                             + "(\(pages) pages on \(Plural.of(nodes.count, "node")))", at: span)
        }
        var indices: [Int] = []
        for node in nodes { indices.append(try interpreter.node(node)) }
        let kind: DSMManagerKind = switch manager {
        case .central: .central(node: try managerNode.map { name throws(Diagnostic) in try interpreter.node(name) })
        case .fixed: .fixed
        case .dynamic: .dynamic
        }
        let spec = DSMSegmentSpec(name: name.text, pages: Int32(pages),
                                  pageSize: pageSize?.0.integer ?? Self.defaultPageSize, nodes: indices,
                                  manager: kind, consistency: consistency, faultCPU: faultCPU?.0.duration,
                                  service: service?.0.duration)
        do {
            try interpreter.simulation.defineDSMSegment(spec)
        } catch {
            throw Diagnostic(.runtime, EngineWords.describe(error), at: span, help: EngineWords.help(error))
        }
    }
}

/// What the checker knows of a declared segment.
struct DSMSymbol: Sendable {
    var pages: Int
    var pageSize: Int64

    /// The declaration was accepted (pages and page size within bounds): its steps can be checked.
    var isValid: Bool {
        (1...Limits.dsmPages).contains(pages) && pageSize >= 8 && pageSize <= Limits.dsmPageSize
            && pageSize & (pageSize - 1) == 0
    }
}

/// Bounds on DSM declarations (docs/LIMITS.md).
extension Limits {
    static let dsmPages = 1_000_000
    static let dsmPageSize: Int64 = 64 << 10
    /// Pages × nodes: each is a copy's record in the engine.
    static let dsmCopies: Int64 = 16_000_000
}
