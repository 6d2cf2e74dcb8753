import SpriteKernel

/// A build as written: its home and limit, and either its declared jobs or the generated build's sizes.
struct PmakeStatement: Statement {
    let span: SourceSpan
    let name: Name
    let home: Name
    var hosts: (Int, SourceSpan)?
    var generated = PmakeGenerated()
    /// The declared jobs; nil for a generated build.
    var declared: [PmakeJobLine]?

    init(span: SourceSpan, name: Name, home: Name) {
        self.span = span
        self.name = name
        self.home = home
    }

    var parallel: Int { hosts?.0 ?? 1 }
    var sources: String { generated.sources?.0 ?? "/\(name.text)/src" }
    var objects: String { generated.objects?.0 ?? "/\(name.text)/obj" }

    /// The jobs' names, declared or generated (cc1 … ccN, link).
    var jobNames: [String] {
        if let declared { return declared.map(\.name.text) }
        let count = generated.jobs?.0 ?? 0
        return count < 1 ? [] : (1...count).map { "cc\($0)" } + ["link"]
    }

    func check(_ checker: inout Checker) {
        if checker.symbols.contains(name.text) {
            let what = checker.symbols.pmakes.contains(name.text) ? "build"
                : checker.symbols.nodes[name.text] != nil ? "node"
                : checker.symbols.processes[name.text] != nil ? "process" : "label"
            checker.error("\(what) '\(name.text)' is already declared", at: name.span,
                          help: "expect reads a build by its name: name this one another way: pmake "
                            + "\(checker.freeName(like: name.text)) on …")
            return
        }
        guard checker.resolveNode(home) else { return }
        if let (k, at) = hosts, k < 1 || k > PmakeSyntax.maximumHosts {
            checker.error("hosts must be 1 to \(PmakeSyntax.maximumHosts) jobs at once", at: at,
                          help: "hosts 1 is plain make on the home; give K for up to K jobs at once")
        }
        if let declared { checkDeclared(declared, &checker) } else { checkGenerated(&checker) }
        checker.symbols.pmakes.insert(name.text)
        // A job declared twice is reported once, as a job: its process is not declared twice as well.
        var declared: Set<String> = []
        for job in jobNames where declared.insert(job).inserted {
            checker.declareScheduledProcess(Name(text: name.text + "-" + job, span: name.span), on: home.text)
        }
    }

    private func checkGenerated(_ checker: inout Checker) {
        let g = generated
        let missing = ["jobs": g.jobs == nil, "compile": g.compile == nil, "link": g.link == nil]
            .filter(\.value).keys.sorted()
        if !missing.isEmpty {
            checker.error("a generated build needs \(missing.map { "'\($0)'" }.joined(separator: ", "))", at: span,
                          help: "pmake \(name.text) on \(home.text) jobs 24 compile 2s reads 16KB writes 8KB link 3s, "
                            + "or declare the jobs in a block: { job cc1 program compile … }")
            return
        }
        if let (count, at) = g.jobs, count < 1 || count > PmakeSyntax.maximumCompiles {
            checker.error("a generated build has 1 to \(PmakeSyntax.maximumCompiles) compiles", at: at,
                          help: "give a number of compiles from 1 to \(PmakeSyntax.maximumCompiles)")
        }
        for (time, at) in [g.compile, g.link].compactMap({ $0 }) {
            checker.requireBetweenZeroAnd(time, Limits.longDuration, "the time", at: at, allowZero: true)
        }
        for (size, at) in [g.reads, g.writes].compactMap({ $0 }) where size.integer > Limits.size {
            checker.error("the size must be at most 1GB", at: at, help: "give a size up to 1GB")
        }
        checker.requireDomain(for: sources, at: g.sources?.1 ?? span)
        checker.requireDomain(for: objects, at: g.objects?.1 ?? span)
    }

    private func checkDeclared(_ lines: [PmakeJobLine], _ checker: inout Checker) {
        guard !lines.isEmpty else {
            return checker.error("the build has no jobs", at: span,
                                 help: "write one job a line: job cc1 program compile")
        }
        var seen: [String: SourceSpan] = [:]
        for line in lines {
            if let first = seen[line.name.text] {
                checker.error("job '\(line.name.text)' is declared twice", at: line.name.span,
                              help: "the first is at \(first.location); name this one another way")
            } else {
                seen[line.name.text] = line.name.span
            }
            _ = ProgramStepChecker.resolveProgram(line.program, &checker)
        }
        for line in lines {
            for dep in line.after {
                if dep.text == line.name.text {
                    checker.error("job '\(dep.text)' cannot wait for itself", at: dep.span,
                                  help: "drop '\(dep.text)' from its after list")
                } else if seen[dep.text] == nil {
                    let hint = checker.suggestion(for: dep.text, among: seen.keys.sorted())
                    checker.error("unknown job '\(dep.text)'\(hint)", at: dep.span,
                                  help: checker.declared("jobs of \(name.text)", seen.keys))
                }
            }
        }
        // A job waiting for itself is reported above: it is not also a cycle.
        let jobs = lines.map { line in
            PmakeJob(name: line.name.text, program: line.program.text,
                     after: line.after.map(\.text).filter { $0 != line.name.text })
        }
        if let cycle = PmakeGraph.cycle(in: jobs), let first = lines.first(where: { $0.name.text == cycle[0] }) {
            let at = first.after.first { $0.text == cycle[1] }?.span ?? first.name.span
            checker.error("the jobs' dependencies form a cycle: " + cycle.joined(separator: " after "), at: at,
                          help: "a job cannot wait, directly or not, for itself: drop one of these 'after's")
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        let homeIndex = try interpreter.node(home)
        if parallel > 1, !s.balancedNodes.contains(homeIndex) || s.balancerKind == .none {
            throw Diagnostic(.runtime, "pmake \(name.text) runs up to \(parallel) jobs at once, but no host "
                             + "selection is declared on \(home.text): every job would run there",
                             at: hosts?.1 ?? span,
                             help: "declare one first: idle NODES after 30s load 1.5; balance \(home.text), NODES "
                                + "strategy sprite central SERVER (or write hosts 1 for plain make)")
        }
        do {
            if let declared {
                let jobs = declared.map {
                    PmakeJob(name: $0.name.text, program: $0.program.text, after: $0.after.map(\.text),
                             local: $0.local)
                }
                try s.startPmake(name.text, home: homeIndex, jobs: jobs, parallel: parallel)
            } else {
                try startGenerated(s, home: homeIndex)
            }
        } catch {
            throw Diagnostic(error == .limitReached("processes") ? .limit : .runtime,
                             "cannot start pmake \(name.text): \(EngineWords.describe(error))", at: span,
                             help: EngineWords.help(error))
        }
    }

    private func startGenerated(_ s: Simulation, home: Int) throws(KernelError) {
        let g = generated
        guard let (count, _) = g.jobs, let (compile, _) = g.compile, let (link, _) = g.link else { return }
        let build = GeneratedBuild(compiles: count, compile: compile.duration, reads: g.reads?.0.integer ?? 0,
                                   writes: g.writes?.0.integer ?? 0, link: link.duration, sources: sources,
                                   objects: objects)
        try s.startPmake(name.text, home: home, generated: build, parallel: parallel)
    }
}
