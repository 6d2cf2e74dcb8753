import ArgumentParser
import SpriteGrading
import SpriteScript

/// The resource limits a hidden child command (`__child`, `__sweep-cell`) sets on itself before it runs
/// anything: what its parent passes as `ProcessLimits.arguments`.
struct ProcessLimitOptions: ParsableArguments {
    @Option(help: "RLIMIT_AS in bytes.") var addressSpace: Int64
    @Option(help: "RLIMIT_CPU in seconds.") var cpuSeconds: Int64
    @Option(help: "RLIMIT_FSIZE in bytes.") var fileSize: Int64
    @Option(help: "RLIMIT_NOFILE.") var openFiles: Int64

    /// Sets the limits on this process; when one cannot be set, says so and exits with a runtime error.
    func apply() throws {
        let limits = ProcessLimits(addressSpace: addressSpace, cpuSeconds: cpuSeconds, fileSize: fileSize,
                                   openFiles: openFiles)
        if let problem = limits.apply() {
            StandardOutput.shared.writeError("sprite-shell: error: \(problem)")
            throw ExitCode(ExitStatus.runtimeError.rawValue)
        }
    }
}
