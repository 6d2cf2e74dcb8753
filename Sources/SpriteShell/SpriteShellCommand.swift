import ArgumentParser
import SpriteScript

struct SpriteShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sprite-shell",
        abstract: "A scriptable shell for studying distributed operating systems.",
        // The generated usage line lists every option on one line of 180 columns.
        usage: RunCommand.usage + "\nsprite-shell check [options] FILE ...\nsprite-shell test [options] PATH ..."
            + "\nsprite-shell help [COMMAND | TOPIC]",
        discussion: """
            With no file and a terminal on standard input, sprite-shell starts an interactive prompt.
            With files, or statements piped on standard input, it runs them as a batch script.

            \(ExitStatus.documentation)

            \(Limits.documentation)
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, CheckCommand.self, TestCommand.self, ChildCommand.self,
                      SweepCellCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// Options shared by the commands that run scripts.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text or json (one JSON object per line).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Seed of the random generator (same script + same seed = same output).")
    var seed: UInt64 = 1

    /// `sprite-shell test --repeat`'s run k: every `seed N` in the script sets N+k (SessionOptions.seedOffset).
    @Option(name: .customLong("seed-offset"), help: ArgumentHelp(visibility: .private))
    var seedOffset: UInt64 = 0

    @Flag(name: .long, help: "Stop at the first failed expect.")
    var bail = false

    @OptionGroup var limits: LimitOptions

    @Flag(name: .long, help: "Do not print the summary at the end of a batch run.")
    var noSummary = false

    @Option(name: .long, help: ArgumentHelp(
        "Columns to fit text output to, at least \(minimumWidth), or 0 to never break a line (default: the "
            + "terminal's width; 80 when standard output is not a terminal).", valueName: "N"))
    var width: Int?

    /// The narrowest --width: below it not even the time and node columns fit.
    static let minimumWidth = 20

    @OptionGroup var sandbox: SandboxOptions

    @Option(help: ArgumentHelp(
        "Also write a report of the run into this folder (made if missing; its parent must exist): index.html, "
            + "one page with the output, the read verdicts, the message diagram, the timeline, statistics and "
            + "charts; the pictures as SVG files; results.json, the --format json output. One script at a time.",
        valueName: "DIR"))
    var report: String?

    /// `scriptPath`: the file being run, whose folder `load` may read; nil for -c, stdin, the prompt.
    func sessionOptions(interrupt: InterruptFlagHandle = .shared, scriptPath: String? = nil) -> SessionOptions {
        var options = SessionOptions()
        options.sandbox = sandbox.sandbox(forScript: scriptPath)
        options.exportFolder = sandbox.exportFolder
        options.format = format
        options.seed = seed
        options.seedOffset = seedOffset
        options.bail = bail
        options.printsSummary = !noSummary
        options.reportFolder = report
        options.limits = (try? limits.limits()) ?? Limits()
        options.width = width ?? Terminal.outputWidth
        options.interrupt = interrupt.flag
        return options
    }
}

extension OutputFormat: ExpressibleByArgument {}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenario files (or standard input) as batch scripts; start the prompt when there are none.",
        usage: usage + "\nsprite-shell run --merge [--format F] [--width N] SHARD.json ...",
        discussion: ExitStatus.documentation + "\n\n" + Limits.documentation
    )

    static let usage = "sprite-shell [run] [options] [-c STATEMENTS | FILE ...]"

    @OptionGroup var options: RunOptions

    @Option(name: .customShort("c"),
            help: ArgumentHelp("Run these statements instead of a file.", valueName: "statements"))
    var statements: String?

    @Option(help: ArgumentHelp("Run each sweep's cells in up to N processes at once; the table is the same as "
        + "with 1. The limits then count per cell, not over the whole sweep.", valueName: "N"))
    var jobs = 1

    @Option(help: ArgumentHelp("Run only the I-th of N slices of each sweep's cells (in the sweep's order, dealt "
        + "round robin); --merge puts the slices' JSON output back together.", valueName: "I/N"))
    var shard: String?

    @Flag(help: ArgumentHelp("The files are the JSON output of a script's shards (--shard I/N --format json): "
        + "print each sweep's whole table."))
    var merge = false

    @Argument(help: "Scenario files to run, each in a fresh session.")
    var files: [String] = []

    func validate() throws {
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs takes a count from 1 to 256") }
        _ = try sweepShard()
        if merge && (files.isEmpty || statements != nil || shard != nil) {
            throw ValidationError("--merge takes the JSON files of a run's shards, and neither -c nor --shard")
        }
        if let width = options.width, width != 0 && width < RunOptions.minimumWidth {
            throw ValidationError("--width must be 0 (no wrapping) or at least \(RunOptions.minimumWidth)")
        }
        if statements != nil && !files.isEmpty { throw ValidationError("give either -c STATEMENTS or files, not both") }
        if options.report != nil {
            // One page is one run: a report of several scripts would mix their output and their pictures.
            if merge || files.count > 1 {
                throw ValidationError("--report writes the report of one script: give one FILE (run each script "
                                      + "with its own --report DIR)")
            }
            if statements == nil && files.isEmpty && Terminal.standardInputIsTerminal {
                throw ValidationError("--report needs a script: a FILE, -c STATEMENTS or statements piped on "
                                      + "standard input (the prompt writes no report)")
            }
        }
    }

    func sweepShard() throws -> Shard {
        guard let shard else { return .whole }
        do throws(ShardError) {
            return try Shard(parsing: shard)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let status: ExitStatus
        let batch = BatchRunner(options: options, sweepJobs: jobs, sweepShard: try sweepShard())
        if merge {
            status = batch.mergeSweeps(files)
        } else if let statements {
            status = batch.run(source: statements, name: "<command line>")
        } else if !files.isEmpty {
            status = batch.run(files: files)
        } else if Terminal.standardInputIsTerminal {
            status = Repl(options: options.sessionOptions()).run()
        } else {
            status = batch.runStandardInput()
        }
        let final = StandardOutput.shared.finish(status)
        if final != .ok { throw ExitCode(final.rawValue) }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and check scenario files without running them (exit 0 if well-formed, 2 if not, "
            + "4 past a limit).",
        usage: "sprite-shell check [options] FILE ..."
    )

    @OptionGroup var limits: LimitOptions

    @Argument(help: "Scenario files to check.")
    var files: [String]

    @OptionGroup var sandbox: SandboxOptions

    func run() throws {
        var worst = ExitStatus.ok
        for path in files {
            var options = SessionOptions()
            options.sandbox = sandbox.sandbox(forScript: path)
            options.exportFolder = sandbox.exportFolder
            options.limits = try limits.limits()
            let session = Session(options: options, sink: StandardOutput.shared)
            guard let file = BatchRunner.read(path, reportingTo: session) else {
                worst = max(worst, .malformed)
                continue
            }
            worst = max(worst, session.checkScript(file))
            if StandardOutput.shared.hasFailed { break }
        }
        let final = StandardOutput.shared.finish(worst)
        if final != .ok { throw ExitCode(final.rawValue) }
    }
}
