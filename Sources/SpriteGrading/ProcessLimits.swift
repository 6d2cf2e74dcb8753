#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the host lets a test's process use, set with setrlimit(2) by the process itself before it runs the
/// script: the language's limits bound what the simulation does; these bound the process whatever goes wrong.
public struct ProcessLimits: Sendable, Equatable {
    /// Bytes of address space (RLIMIT_AS): past it allocations fail and the process dies, alone.
    public var addressSpace: Int64
    /// CPU seconds (RLIMIT_CPU): SIGXCPU at this many, SIGKILL a second later.
    public var cpuSeconds: Int64
    /// Bytes a file written may reach (RLIMIT_FSIZE): 0, since a script writes no host file.
    public var fileSize: Int64
    /// Open descriptors (RLIMIT_NOFILE).
    public var openFiles: Int64

    public static let defaultAddressSpace: Int64 = 2 << 30
    public static let defaultOpenFiles: Int64 = 32

    public init(addressSpace: Int64 = defaultAddressSpace, cpuSeconds: Int64, fileSize: Int64 = 0,
                openFiles: Int64 = defaultOpenFiles) {
        self.addressSpace = addressSpace
        self.cpuSeconds = cpuSeconds
        self.fileSize = fileSize
        self.openFiles = openFiles
    }

    /// CPU seconds for a wall-clock timeout: one more than it, rounded up, so the timeout speaks first.
    public static func cpuSeconds(forTimeout nanoseconds: Int64) -> Int64 {
        (nanoseconds + 999_999_999) / 1_000_000_000 + 1
    }

    /// The hidden child command's options that carry these limits.
    public var arguments: [String] {
        ["--address-space", String(addressSpace), "--cpu-seconds", String(cpuSeconds),
         "--file-size", String(fileSize), "--open-files", String(openFiles)]
    }

    /// Applies the limits to this process; the reason if one could not be set. A limit above the
    /// current hard limit is set to the hard limit (a process may only lower its own).
    public func apply() -> String? {
        let wanted: [(String, Int32, rlim_t, rlim_t)] = [
            ("address space", Self.resource(.addressSpace), rlim_t(addressSpace), rlim_t(addressSpace)),
            ("CPU time", Self.resource(.cpu), rlim_t(cpuSeconds), rlim_t(cpuSeconds + 1)),
            ("file size", Self.resource(.fileSize), rlim_t(fileSize), rlim_t(fileSize)),
            ("open files", Self.resource(.openFiles), rlim_t(openFiles), rlim_t(openFiles)),
        ]
        for (name, resource, soft, hard) in wanted {
            var current = rlimit()
            guard Self.get(resource, &current) == 0 else { return "cannot read the \(name) limit" }
            var limit = rlimit(rlim_cur: min(soft, current.rlim_max), rlim_max: min(hard, current.rlim_max))
            guard Self.set(resource, &limit) == 0 else {
                return "cannot set the \(name) limit: \(String(cString: strerror(errno)))"
            }
        }
        return nil
    }

    private enum Resource { case addressSpace, cpu, fileSize, openFiles }

    #if os(Linux)
    private static func resource(_ kind: Resource) -> Int32 {
        switch kind {
        case .addressSpace: Int32(RLIMIT_AS.rawValue)
        case .cpu: Int32(RLIMIT_CPU.rawValue)
        case .fileSize: Int32(RLIMIT_FSIZE.rawValue)
        case .openFiles: Int32(RLIMIT_NOFILE.rawValue)
        }
    }

    private static func get(_ resource: Int32, _ limit: inout rlimit) -> Int32 {
        getrlimit(__rlimit_resource_t(resource), &limit)
    }

    private static func set(_ resource: Int32, _ limit: inout rlimit) -> Int32 {
        setrlimit(__rlimit_resource_t(resource), &limit)
    }
    #else
    private static func resource(_ kind: Resource) -> Int32 {
        switch kind {
        case .addressSpace: RLIMIT_AS
        case .cpu: RLIMIT_CPU
        case .fileSize: RLIMIT_FSIZE
        case .openFiles: RLIMIT_NOFILE
        }
    }

    private static func get(_ resource: Int32, _ limit: inout rlimit) -> Int32 { getrlimit(resource, &limit) }
    private static func set(_ resource: Int32, _ limit: inout rlimit) -> Int32 { setrlimit(resource, &limit) }
    #endif
}
