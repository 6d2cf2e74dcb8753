import SpriteKernel

/// `begin` … `commit` inside `on NODE { }`: the sessions the node opens in
/// between are one transaction, judged for serializability across files.
struct TransactionSyntax: StatementSyntax {
    static let keywords = ["begin", "commit"]
    static let placement = StatementPlacement.nodeStep
    static let help = HelpEntry(
        topic: "begin",
        summary: "group a node's file sessions, over any files, into one transaction: begin … commit",
        usage: ["begin", "commit"],
        details: "Every file the node opens after begin and before commit belongs to the transaction, "
            + "with all of that session's reads, writes and its close (a file left open at commit stays "
            + "in the transaction until it closes: close the transaction's files before commit). The "
            + "transaction column of 'show outcomes' then judges the transaction as one, across files: "
            + "its reads are 'not-serializable' when the transactions, sessions and operations it shares "
            + "files with form a cycle of reads and writes (W1,R1,R2,W2 with P1 = W1;W2 and P2 = "
            + "R1;R2). A transaction that read a file in one session and wrote it in another wrote from "
            + "what it read, for lost updates. Membership is fixed when an open is issued, so a "
            + "transaction may span several on blocks and 'at' times. Transactions do not nest: begin "
            + "with one open is an error, as is commit without one. A transaction never committed by "
            + "the end of the run is judged all the same and reported as never committed; nothing is "
            + "rolled back, since the file system has no undo. A crash of the node ends its open transaction "
            + "the same way (never committed: ended by the crash); after a restart, begin starts a new one.",
        example: """
            cluster { server fs1; workstation p1, p2 }
            domain / on fs1
            on p1 { create /x size 1KB; create /y size 1KB }
            at 1s { on p1 { begin; open /x w; write "W1"; close } }
            at 2s { on p2 { begin; open /x r; read; close; open /y r; read; close; commit } }
            at 3s { on p1 { open /y w; write "W2"; close; commit } }
            run
            expect stale-reads transaction == 2
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        TransactionStatement(span: keyword.span, begins: keyword.text == "begin")
    }
}

struct TransactionStatement: Statement {
    let span: SourceSpan
    let begins: Bool

    private var verb: String { begins ? "begin" : "commit" }

    func check(_ checker: inout Checker) {
        guard checker.requireNodeContext(verb, at: span), let node = checker.currentNode else { return }
        if begins {
            if let earlier = checker.transactionBegun {
                let begun = "\(earlier.line):\(earlier.column)"
                let who = checker.currentProcess.map { "\($0) on \(node)" } ?? node
                checker.error("nested begin: \(who) already has a transaction open (begun at \(begun))",
                              at: span, help: "transactions do not nest: write commit before this begin")
            } else {
                checker.transactionBegun = span
            }
        } else {
            checker.transactionBegun = nil
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        guard let node = interpreter.currentNode else {
            throw Diagnostic(.runtime, "'\(verb)' needs a node: write it inside on NODE { … }", at: span)
        }
        let s = interpreter.simulation
        let process = interpreter.currentProcess
        let name = process.map { "\(s.processName($0)) on \(s.nodeName(node))" } ?? s.nodeName(node)
        if begins {
            guard s.beginTransaction(on: node, process: process) != nil else {
                let open = s.activeTransaction(on: node, process: process).map { s.fileTransactions[$0] }
                try fail(Diagnostic(.runtime, "nested begin: \(name) already has transaction "
                                    + "\(open?.id ?? 0) open (begun at \(open?.begunAt ?? .zero))", at: span,
                                    help: "transactions do not nest: commit the open one first"), interpreter)
                return
            }
        } else if s.commitTransaction(on: node, process: process) == nil {
            try fail(Diagnostic(.runtime, "commit: \(name) has no transaction open", at: span,
                                help: "write begin before the file operations the transaction groups"), interpreter)
        }
    }

    /// A step that fails is a runtime error, unless under 'try': then it is printed and the script goes on.
    private func fail(_ error: Diagnostic, _ interpreter: Interpreter) throws(Diagnostic) {
        guard interpreter.allowFailures else { throw error }
        var warning = error
        warning.severity = .warning
        warning.help = nil
        interpreter.emit(.diagnostic(warning))
    }
}
