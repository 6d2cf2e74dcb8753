import Foundation
import SpriteKernel

enum Terminal {
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    static func readAllStandardInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}

/// The interrupt flag that Ctrl-C raises. One per process, because a signal
/// handler cannot capture context.
struct InterruptFlagHandle {
    let flag: InterruptFlag
    static let shared = InterruptFlagHandle(flag: InterruptFlag())

    /// In batch mode Ctrl-C stops a long run with a runtime error (exit 3)
    /// rather than killing the process without its output; a second Ctrl-C
    /// before the run notices ends the process.
    static func installBatchHandler() {
        signal(SIGINT) { _ in
            if InterruptFlagHandle.shared.flag.isRaised { _exit(130) }
            InterruptFlagHandle.shared.flag.raise()
        }
    }
}
