/// `load "FILE"`: run another script's statements here.
struct LoadSyntax: StatementSyntax {
    static let keywords = ["load"]
    static let help = HelpEntry(
        topic: "load",
        summary: "run the statements of another script file, checked before anything runs",
        usage: ["load \"FILE\""],
        details: "A relative path is taken from the directory of the loading script. A file that loads "
            + "itself, directly or not, is an error. load reads only regular files whose names end in '.sprite', "
            + "of at most 1 MiB of UTF-8 text, inside the folder of the script being run (for -c, standard input "
            + "and the prompt: the current directory) or a folder allowed on the command line with "
            + "--allow-path DIR; neither '..' nor a symbolic link can lead out of them.",
        example: """
            load "Examples/clusters/v-1983.sprite"
            rpc ws1 -> fs1 reply 1KB
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let (path, span) = try parser.parseString("a file name in double quotes")
        return LoadStatement(span: keyword.span.through(span), path: path, pathSpan: span)
    }
}

struct LoadStatement: Statement {
    let span: SourceSpan
    let path: String
    let pathSpan: SourceSpan

    private var key: String { FileSourceLoader.resolve(path, relativeTo: span.file.name) }

    func check(_ checker: inout Checker) {
        // Past the statements limit (already reported), loading more only repeats the error.
        if checker.meter?.statementsExhausted == true { return }
        guard checker.withinWallTime(at: span) else { return }
        let here = FileSourceLoader.resolve(span.file.name, relativeTo: "")
        let chain = (checker.loadStack.isEmpty ? [here] : checker.loadStack)
        if let start = chain.firstIndex(of: key) {
            let cycle = chain[start...] + [key]
            let through = cycle.count > 2 ? " through " + cycle.joined(separator: " -> ") : ""
            checker.error("'\(path)' loads itself\(through)", at: pathSpan,
                          help: "remove the load that closes the loop")
            return
        }
        guard checker.loadStack.count < 32 else {
            checker.error("'\(path)' is nested more than 32 loads deep", at: pathSpan,
                          help: "load the files from one script instead of each from the one before")
            return
        }
        guard let statements = parsedStatements(&checker) else { return }
        let outerStack = checker.loadStack
        checker.loadStack = chain + [key]
        checker.check(statements)
        checker.loadStack = outerStack
        checker.loaded.store(statements, for: key)
    }

    /// The file's statements, read and parsed once per check; each load still counts them
    /// against the statements limit. Nil when it cannot be read or parsed (reported).
    private func parsedStatements(_ checker: inout Checker) -> [any Statement]? {
        if let parsed = checker.parsedLoads[key] {
            do throws(Diagnostic) {
                try checker.meter?.countStatements(parsed.count, at: pathSpan)
            } catch {
                checker.report(error)
                return nil
            }
            return parsed.statements
        }
        let file: SourceFile
        do {
            file = try checker.loader.load(path, relativeTo: span.file.name)
        } catch let refusal as SourceSandbox.Refusal {
            checker.error(refusal.message, at: pathSpan, help: refusal.help)
            return nil
        } catch {
            checker.error("cannot read '\(path)'", at: pathSpan, help: "the path is relative to \(span.file.name)")
            return nil
        }
        let before = checker.meter?.statementsParsed ?? 0
        let statements: [any Statement]
        do {
            statements = try Parser.parse(SourceFile(name: key, text: file.text), meter: checker.meter)
        } catch {
            checker.report(error)
            return nil
        }
        checker.parsedLoads[key] = (statements, (checker.meter?.statementsParsed ?? 0) - before)
        return statements
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        guard let statements = interpreter.loaded.program(for: key) else {
            throw Diagnostic(.runtime, "'\(path)' was not loaded", at: pathSpan)
        }
        try interpreter.execute(statements)
    }
}
