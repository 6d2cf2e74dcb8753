/// A process's record in the table: plain data (no references), so the
/// dispatch path reads and writes it in place without retain or release.
struct SimProcess {
    var node: Int32
    /// Its compiled program, or -1 for a declared process (steps come from its step queue).
    var program: Int32
    var kind: ProcessKind = .program
    /// Index of the current step in the program's compiled steps.
    var pc: Int32 = 0
    var phase: ProcessPhase = .new
    var blockKind: BlockKind = .none
    /// What it is blocked on (a lock or barrier handle), or -1.
    var blockedOn: Int32 = -1
    /// CPU (global index) it runs on, or -1.
    var cpu: Int32 = -1
    /// CPU it last ran on, or -1: a different CPU next time costs a cache reload.
    var lastCPU: Int32 = -1
    /// Run queue (global index) it waits on, or -1.
    var queue: Int32 = -1
    /// Left of the current compute burst, already scaled by the node's speed;
    /// while spinning on a lock, the spin time left before it blocks.
    var remaining: SimTime = .zero
    /// The lock (handle) it spins on, or -1. A spinning process needs a CPU
    /// like a burst does, and takes the lock when it sees it free.
    var spinningOn: Int32 = -1
    /// Whether that spin is test-and-set (a bus write per try) rather than
    /// test-and-test-and-set (reads its cached copy).
    var spinsTestAndSet = false
    /// Memory share (0…1) of the current compute burst.
    var memoryShare: Double = 0
    /// NUMA cell its memory lives in (where it first ran), or -1.
    var homeCell: Int32 = -1
    /// The current burst is kernel work (a syscall step).
    var kernelWork = false
    /// The kernel lock (lock table id) its syscall holds or waits for, or -1.
    var kernelLock: Int32 = -1
    /// Whether it holds `kernelLock`.
    var inKernel = false
    /// The parallel job (gang) it is a thread of, or -1 for a process of its own.
    var gang: Int32 = -1
    /// Its cell in its node's gang matrix, or -1 while not placed.
    var gangCell: Int32 = -1

    // Scheduling attributes, read by the policies.
    var priority: Int32
    var tickets: Int32
    /// The burst the process declared (SJF / SRTF), or zero for "unknown".
    var expectedBurst: SimTime
    /// MLFQ level (0 = highest) and time used at that level.
    var level: Int32 = 0
    var levelUsed: SimTime = .zero
    /// Stride scheduling's pass value.
    var pass: Int64 = 0
    /// The (aged) priority it was dispatched with: it keeps it while it runs.
    var runPriority: Int32 = 0

    // Accounting.
    var arrival: SimTime
    var firstRun: SimTime = .never
    var finish: SimTime = .never
    var cpuTime: SimTime = .zero
    var waitTime: SimTime = .zero
    var blockedTime: SimTime = .zero
    /// When it last became ready (for wait time and aging) or blocked.
    var since: SimTime = .zero
    var contextSwitches: Int32 = 0
    var preemptions: Int32 = 0
    var dispatches: Int32 = 0
    var cacheReloads: Int32 = 0
    /// Time spent spinning on locks (part of its CPU time).
    var spinTime: SimTime = .zero

    /// Parent process, or -1; sharing group (threads of one address space).
    var parent: Int32 = -1
    var group: Int32
    /// Died in a crash of its node.
    var killed = false
    /// Locks it holds: released when it ends.
    var locksHeld: Int32 = 0
    /// The first ancestor the script started (itself if the script started it):
    /// its family's children are named after it, so names do not grow with depth.
    var root: Int32 = -1
    /// Children forked or spawned so far in the family this process is the root of (names the next one).
    var children: Int32 = 0
    /// It was made ready to take its next instant steps (fork, lock, I/O …) on a CPU, not to compute.
    var stepsPending = false
    /// A migration waits for it to reach a point where it can be frozen (Migration/).
    var migrationPending = false

    // Virtual memory (Memory/Simulation+References.swift): its space, or -1 (then nothing below is used);
    // work left before its planned fault or batch end (never: none planned); the faulting page entry, or -1.
    var space: Int32 = -1
    var untilFault: SimTime = .never
    var faultEntry: Int32 = -1
    var faultWrite = false

    init(node: Int32, program: Int32, arrival: SimTime, priority: Int32, tickets: Int32,
         expectedBurst: SimTime, group: Int32) {
        self.node = node
        self.program = program
        self.arrival = arrival
        self.priority = priority
        self.tickets = tickets
        self.expectedBurst = expectedBurst
        self.group = group
    }
}
