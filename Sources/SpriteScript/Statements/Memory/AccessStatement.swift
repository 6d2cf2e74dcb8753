import SpriteKernel

/// `access NODES files|blocks|whole-file|remote`: how clients reach file data (CSE 513's access models).
struct AccessSyntax: StatementSyntax {
    static let keywords = ["access"]
    static let placement = StatementPlacement.anywhere
    static let help = HelpEntry(
        topic: "access",
        summary: "how clients reach file data: files (default), blocks, whole-file (data shipping), remote",
        usage: ["access NODES files|blocks|whole-file|remote"],
        details: "files is the default: a whole-file read is cached, 'read PATH block N' passes through. blocks "
            + "keeps every block a client fetched in its memory (read-ahead fills it) until an open sees a newer "
            + "version; held blocks and the disk cache obey the consistency protocol as the cached file does (not "
            + "used while Sprite has caching disabled, checked again after NFS's attribute timeout). whole-file "
            + "is data shipping, as AFS: the open downloads the whole file (in rpc-size pieces, counted as "
            + "rpc.open), reads are served from the client, writes are held there and uploaded at the close, "
            + "under any consistency protocol; a file larger than both the client's memory cache and its disk "
            + "cache is not downloaded (AFS bounds its fetches by its cache): its reads go to the server as under "
            + "files. "
            + "remote is function shipping: the client caches nothing, so every read and write is a call to the "
            + "server moving only the bytes asked (its file cache is off). The four places to cache a file are "
            + "the server's disk, the server's memory, the client's disk ('cache NODE disk') and the client's "
            + "memory (help four-places); 'stats' counts rpc.read and rpc.write per kind, disk-cache-hits and "
            + "read-aheads. Access models apply to clients: a server takes none. Leaving remote for another model "
            + "turns the client's file cache back on.",
        example: """
            cluster { server fs1; workstation ws1, ws2, ws3 }
            domain / on fs1
            access ws1 remote
            access ws2 blocks
            access ws3 whole-file
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let nodes = try parser.parseNameList("a node name")
        let model = try parser.parseChoice(AccessModel.self, "access model", "access models")
        return AccessStatement(span: keyword.span, nodes: nodes, model: model)
    }
}

struct AccessStatement: Statement {
    let span: SourceSpan
    let nodes: [Name]
    let model: AccessModel

    func check(_ checker: inout Checker) {
        for node in nodes where checker.resolveNode(node) {
            if checker.symbols.nodes[node.text] == .server {
                checker.error("\(node.text) is a server: an access model says how a client reaches files",
                              at: node.span, help: "name workstations, or nodes of role both")
            }
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        for name in nodes {
            interpreter.simulation.setAccessModel(node: try interpreter.node(name), model)
        }
    }
}
