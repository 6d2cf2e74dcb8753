import SpriteKernel

/// The file operations a node performs inside `on NODE { … }`.
struct FileSyntax: StatementSyntax {
    static let keywords = ["open", "read", "write", "append", "close", "delete", "stat", "sync", "create", "mkdir",
                           "ls"]
    static let placement = StatementPlacement.nodeStep
    static let modes = ["r", "w", "rw", "append"]
    static let help = HelpEntry(
        topic: "files",
        summary: "file operations inside on NODE { }: open read write append close delete stat sync create mkdir ls",
        usage: ["open PATH [r|w|rw|append] [as LABEL]", "read [PATH] [block N | blocks A..B] [as LABEL]",
                "write [PATH] \"TEXT\"|SIZE|blocks A..B [as LABEL]", "append [PATH] \"TEXT\"|SIZE [as LABEL]",
                "close [PATH]", "delete PATH", "stat PATH", "sync", "create PATH size SIZE", "mkdir PATH", "ls PATH",
                "outside on NODE { }: sync NODES (their dirty VM pages too, help memory)"],
        details: "Without a PATH, read, write, append and close act on the node's most recently opened file. "
            + "Opening a missing file for writing creates it. Modes: r reads, w and append write only (a read "
            + "fails: write-only), rw does both; r refuses writes. write replaces the contents; append adds to "
            + "them. Every read prints what it returned and its verdict: fresh, or STALE under UNIX or session "
            + "semantics with the write it missed and why ('show outcomes' adds immutable files and "
            + "transactions); every ls prints its names and is judged the same way (help listings). "
            + "Paths are normalised: /d/../x, /./x, //x and /x/ all name /x. Directories work "
            + "as in UNIX: a file created under missing directories makes them (as mkdir -p would), and ls and "
            + "stat show them; / and every domain's or export's root are directories. ls lists a directory only "
            + "(on a regular file it fails: not a directory; use stat); mkdir and create fail on a name that "
            + "exists; delete removes a directory only once it is empty, and never / or a domain's or export's "
            + "root. Nothing can be created under a regular file, and a name below one is not a directory. "
            + "create PATH size SIZE makes a file of SIZE bytes of data without text (0B: an empty file) as if "
            + "it had been written long before: its data is on the server's disk, not in the server's block "
            + "cache, so the first read of it reads the disk. "
            + "read reads the whole file; 'read block N' reads its block N alone (blocks count from 0; past the "
            + "end it reads nothing), from the client cache only if the whole file is cached and usable as it "
            + "is, else from the server, which keeps no client copy. Its .text, .bytes and trace line are that "
            + "block's; the semantics checker judges it by the version it came from. 'read blocks A..B' reads "
            + "blocks A to B in order, one call a block, each from the first place that holds it (client memory, "
            + "its disk cache, the server's memory, its disk); with client read-ahead the calls for the next "
            + "blocks start at once. 'write blocks A..B' writes them through to the server, 'batch' blocks a "
            + "call (help access, help cache). A program may take "
            + "the same steps, without labels, as its process's own (help program).",
        example: """
            cluster { server fs1; workstation jack, jill }
            domain / on fs1
            on jack { open /notes rw; write "jack was here"; close }
            run
            on jill { open /notes rw; read as r1; append " jill too"; close }
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        // `sync NODES` outside an `on` block syncs the nodes' memory too (Memory/SyncStatement.swift).
        if keyword.text == "sync" { return try SyncStatement.parse(&parser, keyword: keyword) }
        return try parseOperation(&parser, keyword: keyword)
    }

    /// The operation after its verb, as a statement or a program's step writes it.
    static func parseOperation(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> FileStatement {
        var statement = FileStatement(span: keyword.span, verb: keyword.text)
        let pathOptional = ["read", "write", "append", "close"].contains(keyword.text)
        if parser.peek.kind == .path || (!pathOptional && keyword.text != "sync") {
            let (path, span) = try parser.parsePath()
            statement.path = (path, span)
        }
        switch keyword.text {
        case "open":
            parser.offer(Self.modes)
            if parser.peek.kind == .identifier, !parser.peek.isWord("as") {
                let mode = try parser.parseName("a mode: r, w, rw or append")
                guard Self.modes.contains(mode.text) else {
                    let hint = Suggestions.didYouMean(mode.text, among: Self.modes)
                    throw Diagnostic(.check, "unknown open mode '\(mode.text)'\(hint)",
                                     at: mode.span, help: "modes: r w rw append")
                }
                statement.mode = mode.text
            }
        case "write", "append":
            if keyword.text == "write" { parser.offer(["blocks"]) }
            if keyword.text == "write", parser.peek.isWord("blocks") {
                statement.blocks = try parseBlockRange(&parser)
            } else if parser.peek.kind == .string {
                let (text, span) = try parser.parseString("text")
                statement.text = (text, span)
            } else {
                statement.size = try parser.parseQuantity(.size)
            }
        case "read":
            parser.offer(["blocks"])
            if parser.accept("block") != nil {
                statement.block = Int64(try parser.parseCount("a block number (from 0)"))
            } else if parser.peek.isWord("blocks") {
                statement.blocks = try parseBlockRange(&parser)
            }
        case "create":
            _ = try parser.expectWord("size")
            statement.size = try parser.parseQuantity(.size)
        default:
            break
        }
        statement.label = try parser.parseLabel()
        return statement
    }

    /// A step moves at most this many blocks: each may be a call and an event or two.
    static let maxRangeBlocks = 1 << 20

    /// `blocks A..B`: the first and last block, from 0; a range that runs backwards is refused at its caret.
    static func parseBlockRange(_ parser: inout Parser) throws(Diagnostic) -> BlockRange {
        _ = try parser.expectWord("blocks")
        let start = parser.peek.span
        let first = try parser.parseCount("the first block (from 0), as in blocks 0..63")
        guard parser.acceptSymbol("..") != nil else {
            throw Diagnostic(.syntax, "expected '..' between the first and last block", at: parser.peek.span,
                             help: "write the range as blocks 0..63")
        }
        let end = parser.peek.span
        let last = try parser.parseCount("the last block, as in blocks 0..63")
        let span = start.through(end)
        guard first <= last else {
            throw Diagnostic(.check, "the block range \(first)..\(last) runs backwards: \(first) is past \(last)",
                             at: span, help: "write the first block first, as in blocks \(last)..\(first)")
        }
        guard last - first < maxRangeBlocks else {
            throw Diagnostic(.check, "the block range \(first)..\(last) has more than \(maxRangeBlocks) blocks",
                             at: span, help: "read or write at most \(maxRangeBlocks) blocks in one step")
        }
        return BlockRange(first: Int64(first), last: Int64(last), span: span)
    }
}

/// `blocks A..B` of a read or write step.
struct BlockRange {
    let first: Int64
    let last: Int64
    let span: SourceSpan
}

struct FileStatement: Statement {
    let span: SourceSpan
    let verb: String
    var path: (String, SourceSpan)?
    var mode = "r"
    var text: (String, SourceSpan)? { didSet { bytes = text.map { Array($0.0.utf8) } } }
    /// The text's bytes, made once: every node the statement runs on shares them.
    private(set) var bytes: [UInt8]?
    var size: (Quantity, SourceSpan)?
    /// `read … block N`: that block alone.
    var block: Int64?
    /// `read … blocks A..B`, `write … blocks A..B`.
    var blocks: BlockRange?
    var label: Name?

    var kind: OperationKind {
        switch verb {
        case "open": .open
        case "read": .read
        case "write", "append": .write
        case "close": .close
        case "delete": .delete
        case "stat": .stat
        case "sync": .sync
        case "create": .create
        case "mkdir": .mkdir
        default: .list
        }
    }

    func check(_ checker: inout Checker) {
        checker.requireNodeContext(verb, at: span)
        checkOperands(&checker)
        checker.declareLabel(label, kind: kind)
    }

    /// The path and size, wherever the operation is written (a statement or a program's step).
    func checkOperands(_ checker: inout Checker) {
        if let (path, pathSpan) = path {
            checker.requireDomain(for: path, at: pathSpan)
            if verb == "delete" && path == "/" {
                checker.error("cannot delete /: it is the root of the namespace", at: pathSpan,
                              help: "delete the files under it one by one")
            }
        }
        if let (value, valueSpan) = size {
            checker.requireBetweenZeroAnd(value, Limits.size, "the size", at: valueSpan, allowZero: true)
        }
    }

    /// The engine's request for this operation.
    var request: FileRequest {
        let p = path?.0
        let length = bytes.map { Int64($0.count) } ?? size?.0.integer ?? 0
        switch verb {
        // w and append open for writing only, as O_WRONLY: their reads are refused.
        case "open": return .open(path: p ?? "/", writable: mode != "r", readable: mode == "r" || mode == "rw")
        case "read" where blocks != nil:
            return .readBlocks(path: p, first: blocks?.first ?? 0, last: blocks?.last ?? 0)
        case "write" where blocks != nil:
            return .writeBlocks(path: p, first: blocks?.first ?? 0, last: blocks?.last ?? 0)
        case "read": return .read(path: p, block: block)
        case "write", "append": return .write(path: p, text: bytes, size: length, append: verb == "append")
        case "close": return .close(path: p)
        case "delete": return .delete(path: p ?? "/")
        case "stat": return .stat(path: p ?? "/")
        case "sync": return .sync
        case "create": return .create(path: p ?? "/", size: length, directory: false)
        case "mkdir": return .create(path: p ?? "/", size: 0, directory: true)
        default: return .list(path: p ?? "/")
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        guard let node = interpreter.currentNode else {
            throw Diagnostic(.runtime, "'\(verb)' needs a node: write it inside on NODE { … }", at: span)
        }
        let op = interpreter.simulation.issueFile(request, on: node, process: interpreter.currentProcess)
        interpreter.track(op, span: span, label: label)
    }
}

/// `resolve PATH on NODE`: how a node finds the server of a path.
struct ResolveSyntax: StatementSyntax {
    static let keywords = ["resolve"]
    static let help = HelpEntry(
        topic: "resolve",
        summary: "show each step of finding a path's server: prefix table, broadcast, answer",
        usage: ["resolve PATH on NODE [as LABEL]"],
        example: """
            cluster { server fs1, fs2; workstation ws1 }
            domain / on fs1
            domain /users on fs2
            resolve /users/jack/notes on ws1
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let (path, pathSpan) = try parser.parsePath()
        _ = try parser.expectWord("on")
        let node = try parser.parseName("a node name")
        return ResolveStatement(span: keyword.span, path: path, pathSpan: pathSpan, node: node,
                                label: try parser.parseLabel())
    }
}

struct ResolveStatement: Statement {
    let span: SourceSpan
    let path: String
    let pathSpan: SourceSpan
    let node: Name
    let label: Name?

    func check(_ checker: inout Checker) {
        checker.resolveNode(node)
        checker.requireDomain(for: path, at: pathSpan)
        checker.declareLabel(label, kind: .resolve)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let op = interpreter.simulation.resolvePath(on: try interpreter.node(node), path: path)
        interpreter.track(op, span: span, label: label)
    }
}
