import SpriteKernel

/// One `job NAME program P [after A, B …] [local]` line of a declared build.
struct PmakeJobLine: Sendable {
    let name: Name
    let program: Name
    var after: [Name] = []
    var local = false
}

/// The generated build's sizes and times, as written.
struct PmakeGenerated: Sendable {
    var jobs: (Int, SourceSpan)?
    var compile: (Quantity, SourceSpan)?
    var reads: (Quantity, SourceSpan)?
    var writes: (Quantity, SourceSpan)?
    var link: (Quantity, SourceSpan)?
    var sources: (String, SourceSpan)?
    var objects: (String, SourceSpan)?
}

/// `pmake NAME on HOME [hosts K] { job … }` or `pmake NAME on HOME jobs N compile T [reads SIZE]
/// [writes SIZE] link T [hosts K] [sources DIR] [objects DIR]`: a make whose jobs run on idle hosts.
struct PmakeSyntax: StatementSyntax {
    static let keywords = ["pmake"]
    static let maximumHosts = 1_024
    static let maximumCompiles = 10_000
    static let generatedOptions = ["jobs", "compile", "reads", "writes", "link", "sources", "objects"]
    static let help = HelpEntry(
        topic: "pmake",
        summary: "run a make's job graph on idle hosts, at most K jobs at once, and report the speedup",
        usage: ["pmake NAME on HOME [hosts K] { job JOB program P [after JOB, …] [local]; … }",
                "pmake NAME on HOME jobs N compile T [reads SIZE] [writes SIZE] link T [hosts K] [sources DIR] "
                    + "[objects DIR]"],
        details: "Sprite's pmake (Douglis and Ousterhout 1991): jobs whose dependencies are done start, at most K "
            + "at once (default 1), each as a process NAME-JOB created on HOME; the balancer declared on HOME "
            + "(balance … strategy sprite central SERVER, help balance and help idle) sends it to an idle host by "
            + "remote exec, and when no host is free it runs on HOME, as pmake did. hosts 1 is plain sequential "
            + "make: every job stays on HOME and nothing migrates. A local job (pmake's .NOEXPORT) always runs on "
            + "HOME. When a job's process ends its dependents become ready; a job killed (its host crashed) fails "
            + "and the jobs after it never run. A cycle among the 'after' lists is an error. The generated form "
            + "makes N compiles cc1 … ccN, each opening DIR/cK.c (sources, default /NAME/src, made on its "
            + "server's disk if missing, of SIZE reads), reading it, computing T and writing the object "
            + "/NAME/obj/cK.o (objects) of SIZE writes, then a local link after them all that opens and reads "
            + "every object and computes T: an object written on another host under delayed write is recalled "
            + "from it when the link opens it (the flush of object files). show pmake gives each job's host, "
            + "start and end, the makespan, the speedup over the first finished hosts 1 build of the same jobs, "
            + "and where the time went: the file server's CPU and disk, the network, the link with its waits for "
            + "files and its freeze while moved, apart. A build with a job failed or never run made nothing: it "
            + "has no makespan, speedup or link, and an object a crash lost before it reached the server is "
            + "named with the jobs that read the older version after. expect reads NAME.makespan, NAME.speedup, "
            + "NAME.jobs, NAME.remote-jobs, NAME.failed-jobs, NAME.lost-objects, NAME.link-time, NAME.link-wait, "
            + "NAME.recalls, NAME.server-cpu, NAME.server-disk, NAME.network. Each job's "
            + "process counts toward the process limit. See docs/COST-MODEL.md.",
        example: """
            cluster { network ethernet preset sprite-1988; server fs1; workstation ws[0..4] }
            domain / on fs1
            migration preset sparcstation-1991
            idle ws[1..4] after 30s load 1.5
            balance ws[0..4] strategy sprite central fs1
            pmake build on ws0 jobs 8 compile 2s reads 16KB writes 8KB link 1s hosts 4
            run
            show pmake
            expect build.remote-jobs == 8
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let name = try parser.parseName("a name for the build")
        _ = try parser.expectWord("on")
        parser.offerNames([.node])
        let home = try parser.parseName("the home node, where pmake runs")
        var statement = PmakeStatement(span: keyword.span.through(home.span), name: name, home: home)
        var seen: [String: SourceSpan] = [:]
        while !parser.atStatementEnd && !parser.peek.isSymbol("{") {
            let (word, _) = try parser.parseOption(Dictionary(uniqueKeysWithValues: (["hosts"] + generatedOptions)
                .map { ($0, 0) }), of: "pmake")
            if let first = seen[word.text] {
                throw Diagnostic(.check, "'\(word.text)' is given twice", at: word.span,
                                 help: "the first is at \(first.location); keep one")
            }
            seen[word.text] = word.span
            try parseOption(word, &parser, into: &statement)
        }
        if parser.peek.isSymbol("{") {
            if let option = generatedOptions.first(where: { seen[$0] != nil }), let at = seen[option] {
                throw Diagnostic(.check, "'\(option)' belongs to a generated build; this one declares its jobs",
                                 at: at, help: "drop '\(option) …', or drop the block to generate the jobs")
            }
            var lines: [PmakeJobLine] = []
            try parser.parseItems(opening: keyword, words: ["job"]) { (parser: inout Parser) throws(Diagnostic) in
                lines.append(try parseJob(&parser))
            }
            statement.declared = lines
        }
        return statement
    }

    private static func parseOption(_ word: Name, _ parser: inout Parser,
                                    into statement: inout PmakeStatement) throws(Diagnostic) {
        switch word.text {
        case "hosts":
            let token = parser.peek
            statement.hosts = (try parser.parseCount("the most jobs at once"), token.span)
        case "jobs":
            let token = parser.peek
            statement.generated.jobs = (try parser.parseCount("the number of compiles"), token.span)
        case "compile": statement.generated.compile = try parser.parseQuantity(.duration)
        case "link": statement.generated.link = try parser.parseQuantity(.duration)
        case "reads": statement.generated.reads = try parser.parseQuantity(.size)
        case "writes": statement.generated.writes = try parser.parseQuantity(.size)
        case "sources": statement.generated.sources = try parser.parsePath("the sources' directory, like /src")
        default: statement.generated.objects = try parser.parsePath("the objects' directory, like /obj")
        }
    }

    private static func parseJob(_ parser: inout Parser) throws(Diagnostic) -> PmakeJobLine {
        _ = try parser.expectWord("job")
        let name = try parser.parseName("a job name")
        _ = try parser.expectWord("program")
        var line = PmakeJobLine(name: name, program: try parser.parseName("the program the job runs"))
        while !parser.atStatementEnd {
            let (word, _) = try parser.parseOption(["after": 0, "local": 1], of: "job")
            if word.text == "local" {
                guard !line.local else {
                    throw Diagnostic(.syntax, "'local' is given twice", at: word.span, help: "write it once")
                }
                line.local = true
            } else {
                line.after += try parser.parseNameList("a job this one waits for")
            }
        }
        return line
    }
}
