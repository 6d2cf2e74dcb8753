import ArgumentParser
import SpriteGrading
import SpriteScript

/// `sprite-shell __sweep-cell`: one cell of a sweep run with `--jobs N`, in a process of its own. It lowers its
/// own resource limits as `__child` does, then runs the cell's script under the seed and limits given and
/// prints the cell's measured row as one line of JSON; when the cell does not run to its end it prints
/// nothing and exits with the cell's status. Not for people: not in --help.
struct SweepCellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "__sweep-cell",
        abstract: "Run one cell of a sweep and print its row as JSON (used by 'sprite-shell run --jobs').",
        shouldDisplay: false
    )

    @OptionGroup var processLimits: ProcessLimitOptions
    @Option(help: "Seed of the random generator.") var seed: UInt64 = 1
    @OptionGroup var limits: LimitOptions
    @OptionGroup var sandbox: SandboxOptions
    @Option(help: "The file the sweep was written in: names the cell and lets 'load' read its folder.")
    var scriptPath: String?
    /// Several arguments when the script is long: the kernel refuses one argument past 128 KiB.
    @Argument(help: "The cell's script, in one or more pieces joined as they are.") var scriptPieces: [String]

    func run() throws {
        try processLimits.apply()
        var options = SessionOptions()
        options.seed = seed
        options.limits = try limits.limits()
        options.sandbox = sandbox.sandbox(forScript: scriptPath)
        let script = scriptPieces.joined()
        switch SweepCellChild.run(script: script, scriptName: scriptPath ?? "<sweep>", options: options) {
        case .success(let row):
            StandardOutput.shared.write(row, to: .output)
            let status = StandardOutput.shared.finish(.ok)
            if status != .ok { throw ExitCode(status.rawValue) }
        case .failure(let failure):
            throw ExitCode(failure.status.rawValue)
        }
    }
}

/// Starts `__sweep-cell` children of this same executable for a session run with `--jobs N`.
struct ChildSweepLauncher: SweepCellLauncher {
    let executable: String
    /// The script being run; nil for -c and standard input.
    let scriptPath: String?
    let allowedFolders: [String]
    /// Past the wall-clock limit a child has already stopped itself; this is for one that hangs.
    static let timeoutMargin: Int64 = 10_000_000_000

    func runCell(script: String, scriptName: String, seed: UInt64, limits: Limits) -> String? {
        // The same host limits as a test's process: CPU time one second past the cell's wall-clock budget.
        let host = ProcessLimits(cpuSeconds: ProcessLimits.cpuSeconds(forTimeout: limits.wall))
        var arguments = ["__sweep-cell"] + host.arguments + ["--seed", String(seed)]
        for name in Limits.Name.allCases { arguments += limits.option(name).split(separator: " ").map(String.init) }
        for folder in allowedFolders { arguments += ["--allow-path", folder] }
        if let scriptPath { arguments += ["--script-path", scriptPath] }
        // After `--` the script is never read as an option, whatever it starts with.
        arguments += ["--"] + Self.pieces(of: script)
        let exit = ChildRunner(executable: executable)
            .run(arguments, timeoutNanoseconds: limits.wall + Self.timeoutMargin)
        guard exit.termination == .exited(0), !exit.truncated else { return nil }
        return String(decoding: exit.standardOutput, as: UTF8.self)
    }

    /// The script cut into pieces of at most 64 KiB of UTF-8, each whole scalars: Linux refuses a single
    /// argument longer than 128 KiB (MAX_ARG_STRLEN) however much room the whole command line has.
    static func pieces(of script: String, bytes: Int = 65_536) -> [String] {
        var pieces: [String] = []
        var piece = String.UnicodeScalarView()
        var size = 0
        for scalar in script.unicodeScalars {
            let width = UTF8.width(scalar)
            if size + width > bytes {
                pieces.append(String(piece))
                piece = String.UnicodeScalarView()
                size = 0
            }
            piece.append(scalar)
            size += width
        }
        if !piece.isEmpty || pieces.isEmpty { pieces.append(String(piece)) }
        return pieces
    }
}
