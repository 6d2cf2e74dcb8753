import ArgumentParser
import SpriteGrading
import SpriteScript
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sprite-shell __child`: one test of `sprite-shell test`, in a process of its own. It lowers its own
/// resource limits (address space, CPU time, file size, open files), then runs the script exactly as
/// `sprite-shell run FILE` would, `load` confined to the script's folder. Not for people: not in --help.
struct ChildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "__child",
        abstract: "Run one test under the grader's process limits (used by 'sprite-shell test').",
        shouldDisplay: false
    )

    @OptionGroup var processLimits: ProcessLimitOptions

    @OptionGroup var options: RunOptions

    #if DEBUG
    /// Debug builds only: die of this signal after the limits are set, so tests can see a crash isolated.
    @Option(name: .customLong("debug-raise-signal"), help: ArgumentHelp(visibility: .private))
    var debugSignal: Int32?
    #endif

    /// The test's folder: the child runs there, the script named by its file name, so that what it prints
    /// does not depend on where the grader was started.
    @Option(help: "The folder to run in.") var directory: String?

    @Argument(help: "The test's script.") var file: String

    func run() throws {
        try processLimits.apply()
        #if DEBUG
        if let debugSignal {
            // The runtime's crash handler would catch a raised SIGSEGV and carry on: die as the kernel would.
            signal(debugSignal, SIG_DFL)
            raise(debugSignal)
        }
        #endif
        if let directory, chdir(directory) != 0 {
            let reason = String(cString: strerror(errno)).lowercased()
            StandardOutput.shared.writeError("sprite-shell: error: cannot enter the test's folder: \(reason)")
            throw ExitCode(ExitStatus.runtimeError.rawValue)
        }
        let status = StandardOutput.shared.finish(BatchRunner(options: options).run(files: [file]))
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}
