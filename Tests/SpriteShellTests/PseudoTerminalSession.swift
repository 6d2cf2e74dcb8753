import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real `sprite-shell` running on a pseudo-terminal, so it sees a
/// terminal on standard input and starts its readline prompt. Send it
/// keystrokes; wait for text to appear in what it writes.
///
/// The child is spawned (no fork in the threaded test process) as a session
/// leader that opens the terminal itself, which makes the terminal its
/// controlling terminal: Ctrl-C typed into it then raises SIGINT.
final class PseudoTerminalSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Only a guard against hangs; no test depends on how long anything takes.
    static let timeout: TimeInterval = 20

    private let master: Int32
    private let pid: pid_t
    private var output: [UInt8] = []
    /// How much of `output` earlier waits have consumed.
    private var consumed = 0
    private var exitStatus: Int32?

    /// Everything the shell wrote so far, as text.
    var transcript: String { String(decoding: output, as: UTF8.self) }

    /// `standardOutput`: a file to send standard output to instead of the terminal;
    /// `directory`: the folder the shell starts in (else this process's).
    init(arguments: [String] = [], environment: [String: String], standardOutput: String? = nil,
         directory: String? = nil) throws {
        let executable = try ShellBinary.path()
        // posix_openpt and friends are not imported into Swift; on Linux they
        // amount to opening the multiplexer and two ioctls.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0,
              ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
            if master >= 0 { close(master) }
            throw Failure(description: "cannot open a pseudo-terminal: errno \(errno)")
        }
        let name = "/dev/pts/\(number)"
        // A wide terminal, so readline never wraps or scrolls a typed line.
        var size = winsize(ws_row: 50, ws_col: 250, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        // By default Ctrl-C makes the terminal discard queued input and
        // output (the kernel does that after it sends SIGINT), which can race
        // with the shell's fresh prompt and swallow it. NOFLSH turns that off.
        var settings = termios()
        if tcgetattr(master, &settings) == 0 {
            settings.c_lflag |= tcflag_t(NOFLSH)
            _ = tcsetattr(master, TCSANOW, &settings)
        }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        if let standardOutput { posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY, 0) }
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        if let directory { try Self.changeDirectory(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var allSignals = sigset_t(), noSignals = sigset_t()
        sigfillset(&allSignals)
        sigemptyset(&noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        let setsid: Int32 = 0x80 // POSIX_SPAWN_SETSID (glibc), not imported into Swift
        posix_spawnattr_setflags(&attributes, Int16(setsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            close(master)
            throw Failure(description: "posix_spawn of \(executable) failed: error \(spawned)")
        }
        pid = child
    }

    /// glibc's posix_spawn_file_actions_addchdir_np (2.29), which Swift does not import.
    private static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, _ directory: String) throws {
        typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                             UnsafePointer<CChar>) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np"),
              unsafeBitCast(symbol, to: AddChdir.self)(&actions, directory) == 0 else {
            throw Failure(description: "cannot start the shell in \(directory)")
        }
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `keys` (use "\r" for Enter, "\t" for Tab, "\u{03}" for Ctrl-C, "\u{04}" for Ctrl-D).
    func send(_ keys: String) throws {
        var bytes = Array(keys.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw Failure(description: "write to the terminal failed: errno \(errno)")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Reads until `text` appears in output not yet consumed, then returns
    /// the output up to and including it and consumes that much.
    @discardableResult
    func waitFor(_ text: String) throws -> String {
        let wanted = Array(text.utf8)
        let deadline = Date().addingTimeInterval(Self.timeout)
        while true {
            if let range = output[consumed...].firstRange(of: wanted) {
                let segment = String(decoding: output[consumed..<range.upperBound], as: UTF8.self)
                consumed = range.upperBound
                return segment
            }
            let open = readAvailable()
            if !open || Date() > deadline {
                let pending = String(decoding: output[consumed...], as: UTF8.self)
                throw Failure(description: "\(open ? "timed out" : "terminal closed") waiting for "
                              + "\(text.debugDescription); unconsumed output: \(pending.debugDescription)")
            }
        }
    }

    /// Waits for the shell to end and returns its exit status (128+N if signal N killed it).
    func waitForExit() throws -> Int32 {
        let deadline = Date().addingTimeInterval(Self.timeout)
        while exitStatus == nil {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
                break
            }
            if result < 0 { throw Failure(description: "waitpid failed: errno \(errno)") }
            if Date() > deadline { throw Failure(description: "timed out waiting for sprite-shell to exit") }
            // Keep draining, so the shell never blocks writing to the terminal.
            if !readAvailable() { usleep(10_000) }
        }
        return exitStatus!
    }

    /// Appends whatever the shell wrote, waiting briefly for something;
    /// false once the terminal is closed (every copy of the slave side gone).
    private func readAvailable() -> Bool {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 100) > 0 else { return true }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count > 0 {
            output += chunk[..<count]
            return true
        }
        return count < 0 && (errno == EAGAIN || errno == EINTR)
    }
}
