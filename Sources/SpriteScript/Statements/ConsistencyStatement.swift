import SpriteKernel

/// `consistency sprite|nfs|callbacks|none [timeouts]`.
struct ConsistencySyntax: StatementSyntax {
    static let keywords = ["consistency"]
    static let help = HelpEntry(
        topic: "consistency",
        summary: "choose the protocol that keeps client caches consistent",
        usage: ["consistency sprite|nfs|callbacks|none [timeout T] [file-timeout MIN MAX] [dir-timeout MIN MAX]"],
        details: "sprite: the server sees opens and closes; a version check at open handles sequential "
            + "write-sharing (dirty data is recalled from the last writer first); concurrent write-sharing "
            + "disables caching until it ends (a client that had the file open stays uncached until it "
            + "closes). nfs: a cached copy is trusted while younger than its timeout "
            + "(files 3s-30s, directories 30s-60s, growing with the file's age), then revalidated by its "
            + "modification time; dirty data goes back on close. 'timeout T' fixes the file timeout at T. "
            + "callbacks (AFS): an open fetches the whole file with a callback promise, unless the cached "
            + "copy's callback is unbroken; writes stay in the cache until the close (no delayed-write "
            + "daemon); the close of a session that wrote stores the file and breaks the other holders' "
            + "callbacks, so their next open fetches it again (an open session keeps the copy it opened); "
            + "any other close is local, as AFS stores only modified files. none: caches are never "
            + "checked. Every read is judged under UNIX, session, immutable-file and transaction semantics.",
        example: """
            cluster { server fs1; workstation ws1 }
            domain / on fs1
            consistency nfs timeout 3s
            consistency sprite
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let kind = try parser.parseChoice(ConsistencyKind.self, "consistency protocol", "protocols")
        var statement = ConsistencyStatement(span: keyword.span, kind: kind)
        while !parser.atStatementEnd {
            let (option, _) = try parser.parseOption(["timeout": 1, "file-timeout": 2, "dir-timeout": 2],
                                                     of: "consistency")
            let first = try parser.parseQuantity(.duration)
            let second = option.text == "timeout" ? first : try parser.parseQuantity(.duration)
            statement.timeouts.append((option, first, second))
        }
        return statement
    }
}

struct ConsistencyStatement: Statement {
    let span: SourceSpan
    let kind: ConsistencyKind
    var timeouts: [(Name, (Quantity, SourceSpan), (Quantity, SourceSpan))] = []

    func check(_ checker: inout Checker) {
        for (option, low, high) in timeouts {
            if kind != .nfs {
                checker.error("'\(option.text)' applies to nfs, not \(kind.rawValue)", at: option.span,
                              help: "use it with: consistency nfs \(option.text) …, or remove it")
            }
            checker.requireBetweenZeroAnd(low.0, Limits.duration, option.text, at: low.1)
            checker.requireBetweenZeroAnd(high.0, Limits.duration, option.text, at: high.1)
            if high.0.integer < low.0.integer {
                checker.error("the maximum timeout is shorter than the minimum", at: high.1,
                              help: "write the minimum first, then the maximum: 3s 60s")
            }
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        var config = interpreter.simulation.fileSystemConfig
        config.consistency = kind
        for (option, low, high) in timeouts {
            if option.text == "dir-timeout" {
                config.directoryTimeoutMin = low.0.duration
                config.directoryTimeoutMax = high.0.duration
            } else {
                config.fileTimeoutMin = low.0.duration
                config.fileTimeoutMax = high.0.duration
            }
        }
        interpreter.simulation.configureFileSystem(config)
    }
}
