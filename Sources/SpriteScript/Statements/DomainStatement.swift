/// `domain PATH on NODE` and `move domain PATH to NODE`: Sprite's global
/// namespace, built from domains that servers serve.
struct DomainSyntax: StatementSyntax {
    static let keywords = ["domain", "move"]
    static let help = HelpEntry(
        topic: "domain",
        summary: "serve a subtree of the one global namespace from a server, or move it to another",
        usage: ["domain PATH on NODE", "move domain PATH to NODE"],
        details: "Clients find a file's server through their prefix table, a hint of (server, token) per prefix: "
            + "the longest matching prefix wins; a path no prefix matches is found by broadcasting to the "
            + "servers. A server whose lookup reaches a deeper domain answers with a remote link, and the client "
            + "broadcasts for that domain, keeping its entry. When a domain moves, clients keep their old entries "
            + "until a request to the old server fails; then they drop the stale entry and broadcast again "
            + "('show prefixes NODE', 'expect stats.stale-prefixes == 1'). A domain is declared once; "
            + "'move domain' moves it.",
        example: """
            cluster { server fs1, fs2, fs3; workstation ws1 }
            domain / on fs1
            domain /users on fs2
            move domain /users to fs3
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let moving = keyword.text == "move"
        if moving { _ = try parser.expectWord("domain") }
        let (path, pathSpan) = try parser.parsePath("the domain's path prefix, like /users")
        _ = try parser.expectWord(moving ? "to" : "on")
        let server = try parser.parseName("a server node")
        return DomainStatement(span: keyword.span, path: path, pathSpan: pathSpan, server: server, moving: moving)
    }
}

struct DomainStatement: Statement {
    let span: SourceSpan
    let path: String
    let pathSpan: SourceSpan
    let server: Name
    let moving: Bool

    func check(_ checker: inout Checker) {
        guard checker.resolveServer(server, purpose: "domains are served by") else { return }
        let domains = checker.symbols.spriteDomains
        if moving && domains[path] == nil {
            checker.error("there is no domain \(path) to move\(Suggestions.didYouMean(path, among: domains.keys))",
                          at: pathSpan, help: domains.isEmpty ? "declare one first: domain PATH on SERVER"
                            : "domains: " + domains.keys.sorted().prefix(6).joined(separator: ", "))
        } else if !moving, let current = domains[path] {
            // Declaring a domain twice would move it silently: moving is its own statement.
            checker.error("domain \(path) is already served by \(current)", at: pathSpan,
                          help: current == server.text ? "declare each domain once"
                            : "to move it to \(server.text): move domain \(path) to \(server.text)")
            return
        }
        checker.symbols.domains[path] = server.text
        checker.symbols.spriteDomains[path] = server.text
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        interpreter.simulation.setDomain(path, server: try interpreter.node(server))
    }
}
