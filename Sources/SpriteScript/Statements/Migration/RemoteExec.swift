import SpriteKernel

/// `spawn … on NODE home HOME [args SIZE]`: Sprite's remote exec. The process is created on its home
/// and migrated to NODE as it starts, before it has an address space: the cheap, common migration.
struct RemoteExec {
    let home: Name
    let arguments: (Quantity, SourceSpan)?

    static func parse(_ parser: inout Parser) throws(Diagnostic) -> RemoteExec? {
        guard parser.accept("home") != nil else { return nil }
        let home = try parser.parseName("the node its home is")
        var arguments: (Quantity, SourceSpan)?
        if parser.accept("args") != nil { arguments = try parser.parseQuantity(.size) }
        return RemoteExec(home: home, arguments: arguments)
    }

    func check(_ spawn: SpawnStatement, threads: Int, _ checker: inout Checker) {
        guard checker.resolveNode(home) else { return }
        if let (size, span) = arguments, size.integer > Limits.size {
            checker.error("the arguments must be at most 1GB", at: span, help: "give a size up to 1GB")
        }
        if threads > 1 || spawn.nodes.count > 1 || spawn.processNames.count > 1 {
            checker.error("'home' starts one process on one node by remote exec", at: home.span,
                          help: "spawn each process with its own 'home', or drop 'home'")
        } else if home.text == spawn.node.text {
            checker.error("'\(spawn.node.text)' is both the node and the home: nothing to migrate", at: home.span,
                          help: "drop 'home \(home.text)' to run it there, or name the node it should run on")
        }
    }

    func spawn(_ statement: SpawnStatement, name: Name, on node: Int, _ settings: SpawnSettings,
               _ interpreter: Interpreter) throws(Diagnostic) {
        let homeIndex = try interpreter.node(home)
        try interpreter.spawn(program: statement.program, as: name, on: [homeIndex], settings)
        let s = interpreter.simulation
        guard let id = s.processID(named: name.text) else { return }
        if let refusal = s.migrationRefusal(id, to: node) {
            throw Diagnostic(.runtime, MigrateStatement.words(refusal, name.text, s.nodeName(node), s),
                             at: statement.span, help: MigrateStatement.help(refusal, name.text))
        }
        do {
            try s.migrate(id, to: node, execArgumentBytes: arguments?.0.integer ?? 0)
        } catch {
            throw Diagnostic(.runtime, "cannot migrate '\(name.text)': \(error)", at: statement.span,
                             help: "see help migrate")
        }
    }
}
