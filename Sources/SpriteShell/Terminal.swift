import Foundation
import SpriteGrading
import SpriteKernel

enum Terminal {
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The terminal's width when standard output is one, else 80 (a file or
    /// a pipe gets the same bytes whatever window the run started in).
    static var outputWidth: Int {
        guard isatty(STDOUT_FILENO) == 1 else { return 80 }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
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
            // A sweep's cells running in child processes (run --jobs) are killed too.
            ChildRunner.interrupt()
        }
    }
}
