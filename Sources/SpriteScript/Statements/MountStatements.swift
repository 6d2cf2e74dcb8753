/// NFS-style naming: servers export directories, clients mount them where
/// they like, so two clients may see the same file under different names.
struct ExportSyntax: StatementSyntax {
    static let keywords = ["export", "mount", "automount"]
    static let help = HelpEntry(
        topic: "mount",
        summary: "NFS naming: export a server's directory, mount it on clients, or automount on first use",
        usage: ["export PATH on SERVER", "mount SERVER:PATH on LOCALPATH at NODES", "automount ROOT at NODES",
                // From the registry of picture kinds, so a new kind is never left out of the usage.
                "export \(PictureExports.words.joined(separator: "|")) \"FILE\" …  (help pictures)"],
        details: "A mounted file's name at its server is its super-root name, /SERVER/PATH, which every node "
            + "may also use directly; the trace prints that name, so two clients' different views of one file "
            + "are visibly one file. 'mount' asks the server's mount daemon, which refuses a directory it does "
            + "not export. With 'automount /net', the first access to /net/SERVER/… mounts SERVER there. Each is "
            + "declared once: a second mount on a node's mount point, a second export of a path, or a second "
            + "automount root for a node is an error (mount the other one elsewhere).",
        example: """
            cluster { server fs1; workstation ws1, ws2, ws3 }
            export /export/home on fs1
            mount fs1:/export/home on /home at ws1
            mount fs1:/export/home on /users at ws2
            automount /net at ws3
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        switch keyword.text {
        case "export":
            // `export diagram "run.svg"`: a picture of the run (Export/); a path is an NFS export.
            if parser.peek.kind != .path { return try PictureExports.parse(&parser, keyword: keyword) }
            let (path, pathSpan) = try parser.parsePath("the directory to export, like /export/home")
            _ = try parser.expectWord("on")
            let server = try parser.parseName("a server node")
            return ExportStatement(span: keyword.span, path: path, pathSpan: pathSpan, server: server)
        case "mount":
            let server = try parser.parseName("a server node, as in fs1:/export/home")
            guard parser.acceptSymbol(":") != nil else {
                throw parser.unexpected(expected: "':' and the exported path, as in \(server.text):/export/home")
            }
            let (remote, remoteSpan) = try parser.parsePath("the exported path")
            _ = try parser.expectWord("on")
            let (point, pointSpan) = try parser.parsePath("the local mount point, like /home")
            _ = try parser.expectWord("at")
            let nodes = try parser.parseNameList("a client node")
            return MountStatement(span: keyword.span, server: server, remote: remote, remoteSpan: remoteSpan,
                                  point: point, pointSpan: pointSpan, nodes: nodes)
        default:
            let (root, rootSpan) = try parser.parsePath("the automount root, like /net")
            _ = try parser.expectWord("at")
            let nodes = try parser.parseNameList("a client node")
            return AutomountStatement(span: keyword.span, root: root, rootSpan: rootSpan, nodes: nodes)
        }
    }
}

struct ExportStatement: Statement {
    let span: SourceSpan
    let path: String
    let pathSpan: SourceSpan
    let server: Name

    func check(_ checker: inout Checker) {
        guard checker.resolveServer(server, purpose: "exports come from") else { return }
        checker.symbols.domains["/" + server.text] = server.text
        if !checker.symbols.exports.insert(server.text + " " + path).inserted {
            checker.error("\(server.text) already exports \(path)", at: pathSpan, help: "declare each export once")
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        interpreter.simulation.export(path, on: try interpreter.node(server))
    }
}

struct MountStatement: Statement {
    let span: SourceSpan
    let server: Name
    let remote: String
    let remoteSpan: SourceSpan
    let point: String
    let pointSpan: SourceSpan
    let nodes: [Name]

    func check(_ checker: inout Checker) {
        checker.resolveNode(server)
        for node in nodes {
            checker.resolveNode(node)
            // A second mount on the same point would hide the first one silently.
            if !checker.symbols.mounts.insert(node.text + " " + point).inserted {
                checker.error("\(node.text) already has a mount on \(point)", at: pointSpan,
                              help: "mount each point once per node; to see both, mount this one elsewhere")
            }
        }
        // Paths under the mount point are now covered.
        checker.symbols.domains[point] = server.text
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        let serverIndex = try interpreter.node(server)
        for node in nodes {
            let op = s.mount(on: try interpreter.node(node), server: serverIndex, remote: remote, at: point)
            interpreter.track(op, span: span, label: nil)
        }
    }
}

struct AutomountStatement: Statement {
    let span: SourceSpan
    let root: String
    let rootSpan: SourceSpan
    let nodes: [Name]

    func check(_ checker: inout Checker) {
        for node in nodes {
            checker.resolveNode(node)
            // A node has one automount root: a second would replace the first silently.
            if let current = checker.symbols.automounts[node.text] {
                checker.error("\(node.text) already automounts under \(current)", at: rootSpan,
                              help: "declare one automount root per node")
            } else {
                checker.symbols.automounts[node.text] = root
            }
        }
        checker.symbols.domains[root] = "automount"
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        for node in nodes { interpreter.simulation.setAutomount(root, on: try interpreter.node(node)) }
    }
}
