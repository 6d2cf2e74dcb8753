import SpriteKernel

/// `vm NODES [page SIZE] [replacement clock|lru|fifo] [backing files [DIR] | backing swap] [bypass on|off]
/// [sticky on|off] [fault-cpu T] [negotiate oldest [penalty T] | negotiate fixed P%]`.
struct VMSyntax: StatementSyntax {
    static let keywords = ["vm"]
    static let help = HelpEntry(
        topic: "vm",
        summary: "set up virtual memory on nodes: page size, replacement, backing store, negotiation",
        usage: ["vm NODES [page SIZE] [replacement clock|lru|fifo] [backing files [DIR] | backing swap]",
                "   [bypass on|off] [sticky on|off] [fault-cpu T] [negotiate oldest [penalty T] | negotiate fixed P%]"],
        details: "A node's memory is split into pages (4KB by default, a power of two and a multiple of the file "
            + "block; a page of several blocks moves one block call after another, as Sprite's Fs_PageRead and "
            + "Fs_PageWrite do). Processes of a program with a space (help space) fault their pages in on demand; when "
            + "memory is full the replacement policy chooses a victim (clock, as Sprite; lru; fifo), a dirty one "
            + "written out first. Data and stack pages are backed by ordinary files, DIR/NODE.PROCESS.data and "
            + ".stack on DIR's file server (Sprite; DIR is /swap by default): a diskless node pages over the "
            + "network and the server's cache can hold its pages. 'backing swap' uses the node's own disk "
            + "instead. Code pages come from the program's file and stay after the program exits (sticky on): "
            + "a second run starts without faulting them. 'bypass on' (Sprite) makes backing pages skip the "
            + "client's file cache; off lets them be cached twice. Physical memory is shared with the file "
            + "cache: 'negotiate fixed P%' gives VM P% (the default, 50%), 'negotiate oldest' lets the side "
            + "holding the older page lose it, a file-cache page counting 'penalty' older (0, the default: no "
            + "penalty); VM must get one page at least (memory of one page or more; a fixed share of one page "
            + "or more). fault-cpu is a "
            + "fault's trap (default: the preset's local-cost). Nodes with a space and no vm get the defaults. "
            + "help memory tells how references become faults.",
        example: """
            cluster { server fs1 disk fujitsu-eagle; workstation ws1 memory 1MB }
            domain / on fs1
            vm ws1 page 4KB replacement clock backing files /swap negotiate fixed 50%
            """)

    static let options = ["page", "replacement", "backing", "bypass", "sticky", "fault-cpu", "negotiate"]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let nodes = try parser.parseNameList("a node name")
        var statement = VMStatement(span: keyword.span, nodes: nodes)
        let optionMap = Dictionary(uniqueKeysWithValues: options.map { ($0, $0) })
        while !parser.atStatementEnd {
            let (option, _) = try parser.parseOption(optionMap, of: "vm")
            switch option.text {
            case "page": statement.page = try parser.parseQuantity(.size)
            case "replacement":
                statement.replacement = try parser.parseChoice(ReplacementKind.self, "replacement policy",
                                                               "replacement policies")
            case "backing":
                parser.offer(["files", "swap"])
                let word = try parser.parseName("files or swap")
                switch word.text {
                case "files":
                    var directory = "/swap"
                    if parser.peek.text.hasPrefix("/") {
                        directory = try parser.parsePath("a directory").0
                    } else if !parser.atStatementEnd, !options.contains(parser.peek.text) {
                        throw Diagnostic(.check, "DIR must be an absolute path, not '\(parser.peek.text)'",
                                         at: parser.peek.span, help: "backing files /swap: a directory from the root")
                    }
                    statement.backing = (.files(directory: directory), word.span)
                case "swap": statement.backing = (.swap, word.span)
                default:
                    let hint = Suggestions.didYouMean(word.text, among: ["files", "swap"])
                    throw Diagnostic(.check, "unknown backing '\(word.text)'\(hint)", at: word.span,
                                     help: "backing files [DIR] (Sprite) or backing swap (the node's disk)")
                }
            case "bypass": statement.bypass = try onOff(&parser, "bypass")
            case "sticky": statement.sticky = try onOff(&parser, "sticky")
            case "fault-cpu": statement.faultCPU = try parser.parseQuantity(.duration)
            default: try parseNegotiation(&parser, into: &statement)
            }
        }
        return statement
    }

    private static func onOff(_ parser: inout Parser, _ what: String) throws(Diagnostic) -> Bool {
        parser.offer(["on", "off"])
        let word = try parser.parseName("on or off")
        guard word.text == "on" || word.text == "off" else {
            throw Diagnostic(.syntax, "expected on or off after \(what), found '\(word.text)'", at: word.span,
                             help: "write \(what) on or \(what) off")
        }
        return word.text == "on"
    }

    private static func parseNegotiation(_ parser: inout Parser,
                                         into statement: inout VMStatement) throws(Diagnostic) {
        parser.offer(["oldest", "fixed"])
        let word = try parser.parseName("oldest or fixed")
        switch word.text {
        case "oldest":
            var penalty: (Quantity, SourceSpan)?
            if parser.accept("penalty") != nil { penalty = try parser.parseQuantity(.duration) }
            statement.negotiation = .oldest(penalty: penalty)
        case "fixed":
            statement.negotiation = .fixed(share: try parser.parseQuantity(.percent))
        default:
            let hint = Suggestions.didYouMean(word.text, among: ["oldest", "fixed"])
            throw Diagnostic(.check, "unknown negotiation '\(word.text)'\(hint)", at: word.span,
                             help: "negotiate oldest [penalty T] (Sprite) or negotiate fixed P%")
        }
    }
}

struct VMStatement: Statement {
    enum Negotiation {
        case oldest(penalty: (Quantity, SourceSpan)?)
        case fixed(share: (Quantity, SourceSpan))
    }

    let span: SourceSpan
    let nodes: [Name]
    var page: (Quantity, SourceSpan)?
    var replacement: ReplacementKind?
    var backing: (BackingKind, SourceSpan)?
    var bypass: Bool?
    var sticky: Bool?
    var faultCPU: (Quantity, SourceSpan)?
    var negotiation: Negotiation?

    func check(_ checker: inout Checker) {
        for node in nodes { checker.resolveNode(node) }
        var pageBytes: Int64 = VMConfig().pageSize
        if let (value, valueSpan) = page {
            let bytes = value.integer
            let block = (checker.symbols.preset.era ?? .generic).blockSize
            if bytes < 512 || bytes > 1 << 20 || bytes & (bytes - 1) != 0 {
                checker.error("a page is a power of two from 512B to 1MB, and a multiple of the block size",
                              at: valueSpan, help: "give a page like 4KB")
            } else if bytes % block != 0 {
                checker.error("a page of \(Quantity.formatBytes(bytes)) is smaller than a file block "
                              + "(\(Quantity.formatBytes(block)) under preset \(checker.symbols.preset.rawValue))",
                              at: valueSpan, help: "pages are read and written as whole blocks: give a page of "
                                + "\(Quantity.formatBytes(block)) or a multiple of it")
            } else {
                checker.symbols.pageSize = bytes
                pageBytes = bytes
            }
        }
        checkFrames(page: pageBytes, &checker)
        if let (value, valueSpan) = faultCPU {
            checker.requireBetweenZeroAnd(value, Limits.duration, "fault-cpu", at: valueSpan, allowZero: true)
        }
        switch negotiation {
        case .oldest(let penalty?):
            // 0 is no penalty: the older page loses, whichever side holds it.
            checker.requireBetweenZeroAnd(penalty.0, Limits.duration, "the penalty", at: penalty.1, allowZero: true)
        case .fixed(let share):
            if share.0.real > 1 || share.0.real < 0 {
                checker.error("a fixed split gives VM 0% to 100% of the memory", at: share.1,
                              help: "give VM's share, such as negotiate fixed 50%")
            }
        case .oldest(nil), nil: break
        }
    }

    /// Each node must hold one page, and a fixed split must leave VM one: else no fault could ever be served.
    private func checkFrames(page: Int64, _ checker: inout Checker) {
        let era = checker.symbols.preset.era ?? .generic
        for node in nodes {
            guard let role = checker.symbols.nodes[node.text] else { continue }
            let memory = checker.symbols.nodeMemory[node.text] ?? era.memory(for: role)
            let pageText = Quantity.formatBytes(page)
            if memory < page {
                checker.error("\(node.text) has \(Quantity.formatBytes(memory)) of memory, less than one "
                              + "\(pageText) page", at: node.span,
                              help: "give \(node.text) more memory, or vm \(node.text) a smaller page")
                continue
            }
            guard case .fixed(let share) = negotiation, share.0.real >= 0, share.0.real <= 1 else { continue }
            let percent = Int64((share.0.real * 100).rounded())
            guard case .fixed(let cache) = NegotiationKind.fixed(vmPercent: percent, of: memory),
                  memory - cache < page else { continue }
            checker.error("negotiate fixed \(percent)% leaves VM \(Quantity.formatBytes(memory - cache)) of "
                          + "\(node.text)'s \(Quantity.formatBytes(memory)), less than one \(pageText) page",
                          at: share.1, help: "give VM at least one page: a larger share, or negotiate oldest")
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        for name in nodes {
            let node = try interpreter.node(name)
            var config = s.vmConfig(node: node) ?? VMConfig()
            if let (value, _) = page { config.pageSize = value.integer }
            if let replacement { config.replacement = replacement }
            if let (kind, kindSpan) = backing {
                if case .swap = kind, s.nodeSpec(node).isDiskless {
                    throw Diagnostic(.runtime, "\(name.text) has no disk: it cannot swap", at: kindSpan,
                                     help: "use backing files (on a file server), or give \(name.text) a disk")
                }
                config.backing = kind
            }
            if let bypass { config.bypass = bypass }
            if let sticky { config.sticky = sticky }
            if let (value, _) = faultCPU { config.faultCPU = value.duration }
            // One 24-byte frame per page of the node's memory, made now: counted against the limit first.
            let frames = s.nodeSpec(node).memoryBytes / max(1, config.pageSize)
            if Int64(interpreter.recordsHeld) + frames * 24 / 128 > Int64(interpreter.limits.memory) {
                throw interpreter.limits.reached(.memory, "the \(frames) page frames of \(name.text)'s memory would "
                                                 + "take the engine past the memory limit", at: page?.1 ?? span)
            }
            do {
                try s.configureVM(node: node, config)
            } catch {
                let memory = s.nodeSpec(node).memoryBytes
                let block = s.fileSystemConfig.blockSize
                let help = memory < config.pageSize
                    ? "\(name.text) has \(Quantity.formatBytes(memory)) of memory, less than one "
                        + "\(Quantity.formatBytes(config.pageSize)) page: give it more memory or a smaller page"
                    : config.pageSize % max(1, block) != 0
                    ? "a page is a multiple of the file block, \(Quantity.formatBytes(block)) here"
                    : "vm goes before processes with spaces on \(name.text)"
                throw Diagnostic(.runtime, "cannot set up vm on \(name.text): \(EngineWords.describe(error))",
                                 at: page?.1 ?? span, help: help)
            }
            let memory = s.nodeSpec(node).memoryBytes
            switch negotiation {
            case .oldest(let penalty): s.setMemoryNegotiation(node: node, .oldestLoses(penalty: penalty?.0.duration
                                                                                        ?? .zero))
            case .fixed(let share):
                s.setMemoryNegotiation(node: node, .fixed(vmPercent: Int64((share.0.real * 100).rounded()),
                                                          of: memory))
            case nil: break
            }
        }
    }
}
