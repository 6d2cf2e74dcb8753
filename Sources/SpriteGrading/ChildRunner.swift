import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
private let systemPoll = Glibc.poll
#elseif canImport(Darwin)
import Darwin
private let systemPoll = Darwin.poll
#endif

/// Runs one test in a process of its own: posix_spawn of `executable` in a new process group, its standard
/// output and error read through pipes up to `outputCap` bytes each, and the whole group killed with
/// SIGKILL when the wall-clock timeout runs out. A crash, a runaway allocation or a hang stays in the child.
public struct ChildRunner: Sendable {
    public let executable: String
    /// Bytes kept of standard output; more is read and dropped, and the output cannot be compared.
    public var outputCap = 8 << 20
    /// Bytes kept of standard error: reports show its first lines only (and read a limit's name there).
    public var errorCap = 64 << 10

    public init(executable: String) { self.executable = executable }

    /// The running executable's path: the child is the same program, started with a hidden command.
    public static var currentExecutable: String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        var size: UInt32 = 4096
        var buffer = [CChar](repeating: 0, count: Int(size))
        guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
        return String(cString: buffer)
        #endif
    }

    public func run(_ arguments: [String], timeoutNanoseconds: Int64) -> ChildExit {
        let start = ContinuousClock.now
        var output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        // One spawn at a time: a pipe made by one worker must be marked close-on-exec before another
        // worker's child starts, or that child would hold it open and this one's reader never see its end.
        let spawned = Self.spawnLock.withLock { _ -> Result<pid_t, SpawnFailure> in
            guard Self.makePipe(&output), Self.makePipe(&errors) else {
                for descriptor in output + errors where descriptor >= 0 { close(descriptor) }
                return .failure(SpawnFailure(text: "cannot make a pipe: \(String(cString: strerror(errno)))"))
            }
            let spawned = spawn(arguments, output: output[1], errors: errors[1])
            close(output[1])
            close(errors[1])
            return spawned
        }
        let pid: pid_t
        switch spawned {
        case .success(let started): pid = started
        case .failure(let failure):
            for descriptor in [output[0], errors[0]] where descriptor >= 0 { close(descriptor) }
            return ChildExit(termination: .failedToStart(failure.text))
        }
        let deadline = start.advanced(by: .nanoseconds(timeoutNanoseconds))
        var reader = PipeReader(descriptors: [output[0], errors[0]], caps: [outputCap, errorCap])
        var killed: ChildExit.Termination?
        let killIfDue = {
            guard killed == nil else { return }
            if Self.isInterrupted {
                killed = .interrupted
            } else if ContinuousClock.now >= deadline {
                killed = .timedOut
            } else {
                return
            }
            kill(-pid, SIGKILL)
        }
        while reader.isOpen {
            killIfDue()
            // After the kill the pipes close as soon as the group is gone.
            let left = ContinuousClock.now.duration(to: deadline)
            reader.poll(milliseconds: killed != nil ? 1_000 : min(Self.tick, Self.milliseconds(left)))
        }
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, killed != nil ? 0 : WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { break }
            if reaped == 0 {
                // Both pipes closed but the process lives on: wait for it, no longer than the timeout.
                killIfDue()
                if killed == nil { usleep(10_000) }
            }
        }
        let elapsed = start.duration(to: .now).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let ended: ChildExit.Termination = Self.exited(status) ? .exited(Self.exitStatus(status))
            : .signalled(Self.signal(status))
        return ChildExit(termination: killed ?? ended, standardOutput: reader.buffers[0],
                         standardError: reader.buffers[1], truncated: reader.truncated, seconds: seconds)
    }

    /// How often a wait looks at the interrupt flag, in milliseconds.
    static let tick: Int32 = 200

    /// Ctrl-C or SIGTERM: the tests running are killed and no more start. Safe in a signal handler.
    public static func interrupt() { interruptRaised.store(true, ordering: .relaxed) }
    public static var isInterrupted: Bool { interruptRaised.load(ordering: .relaxed) }

    private struct SpawnFailure: Error { let text: String }
    private static let spawnLock = Mutex<Void>(())

    private func spawn(_ arguments: [String], output: Int32, errors: Int32) -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        // Its own process group, so a timeout kills everything it started; default signal actions and an
        // empty mask, whatever the grader's thread had.
        var flags = Int32(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&defaults)
        sigemptyset(&empty)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGXCPU, SIGXFSZ] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)

        let argv = ([executable] + arguments).map { strdup($0) }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + environment).forEach { free($0) } }
        var pid = pid_t()
        let code = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (environment + [nil]).withUnsafeBufferPointer { environmentBuffer in
                guard let argvBase = argvBuffer.baseAddress, let environmentBase = environmentBuffer.baseAddress else {
                    return EINVAL
                }
                return posix_spawn(&pid, executable, &actions, &attributes, argvBase, environmentBase)
            }
        }
        guard code == 0 else { return .failure(SpawnFailure(text: String(cString: strerror(code)))) }
        return .success(pid)
    }

    /// A pipe whose ends are closed in every child spawned (only the dup2'd copies survive there).
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: max(1, min(seconds * 1_000 + attoseconds / 1_000_000_000_000_000 + 1, 60_000)))
    }

    private static func exited(_ status: Int32) -> Bool { status & 0x7f == 0 }
    private static func exitStatus(_ status: Int32) -> Int32 { (status >> 8) & 0xff }
    private static func signal(_ status: Int32) -> Int32 { status & 0x7f }
}

private let interruptRaised = Atomic<Bool>(false)

/// Reads several pipes until each reaches its end, keeping at most `caps[i]` bytes of pipe i; `truncated`
/// says the first (standard output) lost bytes.
struct PipeReader {
    private var descriptors: [Int32]
    private(set) var buffers: [[UInt8]]
    private(set) var truncated = false
    private let caps: [Int]
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(descriptors: [Int32], caps: [Int]) {
        self.descriptors = descriptors
        self.caps = caps
        buffers = descriptors.map { _ in [] }
    }

    var isOpen: Bool { descriptors.contains { $0 >= 0 } }

    mutating func poll(milliseconds: Int32) {
        var wanted = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ready = wanted.withUnsafeMutableBufferPointer { buffer in
            systemPoll(buffer.baseAddress, nfds_t(buffer.count), milliseconds)
        }
        guard ready > 0 else { return }
        for (index, entry) in wanted.enumerated() where entry.fd >= 0 && entry.revents != 0 {
            let got = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
            if got < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard got > 0 else {
                close(entry.fd)
                descriptors[index] = -1
                continue
            }
            let cap = caps[index]
            let room = max(0, cap - buffers[index].count)
            let kept = min(got, room)
            // Grown by doubling but never past the cap, so a full buffer holds the cap and no more.
            if buffers[index].count + kept > buffers[index].capacity {
                buffers[index].reserveCapacity(min(cap, max(2 * buffers[index].capacity, buffers[index].count + kept)))
            }
            buffers[index] += chunk[..<kept]
            if got > room && index == 0 { truncated = true }
        }
    }
}
