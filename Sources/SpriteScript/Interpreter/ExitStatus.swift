/// What a run ended with; each value means one thing.
public enum ExitStatus: Int32, Sendable, Comparable {
    case ok = 0
    /// An `expect` failed.
    case expectationFailed = 1
    /// The script is malformed (or the command line was): nothing ran past the error.
    case malformed = 2
    /// A runtime error: an operation that failed unexpectedly, an interrupt.
    case runtimeError = 3
    /// A limit was reached (docs/LIMITS.md): the run stopped there.
    case limitReached = 4
    /// Standard output or standard error could not be written (full disk, closed pipe).
    case outputFailed = 5

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let documentation = """
        exit status:
          0  every statement ran and every expect held
          1  an expect failed
          2  the script or the command line is malformed
             (nothing ran past the error)
          3  a runtime error: the run was interrupted, or an operation
             failed that the script did not allow for with 'try'
          4  a limit was reached (--limit; see docs/LIMITS.md)
          5  standard output or error could not be written (a closed pipe
             ends the run quietly; other errors print one line on stderr)
        """
}
