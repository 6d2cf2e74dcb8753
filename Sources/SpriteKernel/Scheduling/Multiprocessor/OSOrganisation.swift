/// Where a multiprocessor node runs kernel work (a `syscall` step) and under
/// which lock: the organisations of CSE 513's slides.
public enum OSOrganisation: Sendable, Equatable {
    /// Each CPU runs its own copy of the OS: a process is bound at its first
    /// dispatch to one CPU (round robin) for good; per-CPU queues, no
    /// stealing; kernel work runs on the process's CPU under no shared lock.
    case privatePerCPU
    /// Kernel work runs only on CPU 0, the master: the process leaves its
    /// CPU, queues for the master, then queues again for a slave (CPUs 1…).
    /// The master runs nothing else, also when the node becomes master-slave
    /// mid-run: a user burst on CPU 0 then moves to a slave at once
    /// (`moveToMasterSlaveSides`). Needs two CPUs or more.
    case masterSlave
    /// Kernel work runs on the process's CPU holding the one kernel lock
    /// (test-and-set spin): kernel work of different CPUs runs one at a time.
    case bigKernelLock
    /// Kernel work runs on the process's CPU under one of `locks` kernel
    /// locks (chosen by the process's id); 0 models no kernel lock at all.
    case fineGrained(locks: Int)

    public var name: String {
        switch self {
        case .privatePerCPU: "private"
        case .masterSlave: "master-slave"
        case .bigKernelLock: "big-lock"
        case .fineGrained: "fine-grained"
        }
    }

    /// How many kernel locks a syscall may take (0: none).
    var kernelLockCount: Int {
        switch self {
        case .privatePerCPU, .masterSlave: 0
        case .bigKernelLock: 1
        case .fineGrained(let locks): locks
        }
    }

    func validate(cpus: Int) throws(KernelError) {
        switch self {
        case .masterSlave: guard cpus >= 2 else { throw .invalidValue("master-slave needs two CPUs") }
        case .fineGrained(let locks): guard locks >= 0, locks <= 1024 else { throw .invalidValue("kernel locks") }
        case .privatePerCPU, .bigKernelLock: break
        }
    }
}
