import DequeModule

/// Every process (running a program, declared, or a node's shell), densely
/// indexed by `ProcessID`, with a name index (shells are not in it).
/// Policies read scheduling attributes (priority, tickets, known bursts,
/// MLFQ level) through it; the engine alone changes them.
public final class ProcessTable {
    let entries = PlainArray<SimProcess>(capacity: 64)
    /// Names, apart from the records so a record stays plain data.
    var names: [String] = []
    var index: [String: Int32] = [:]
    /// Each process's stack of active `repeat` loops (touched at every step and exit: no run-time
    /// exclusivity check, as the records' own table).
    @exclusivity(unchecked) var frames: [[LoopFrame]] = []
    /// Declared processes, in the order they were declared.
    var declared: [Int32] = []
    /// Each declared process's steps not yet taken.
    var stepQueues: [Int32: Deque<QueuedStep>] = [:]
    /// Declared processes whose step loop is running, so a step that ends at
    /// once does not start a nested loop.
    var stepping: Set<Int32> = []
    /// Programs' file steps' requests, by handle (a compiled step keeps the handle).
    var fileRequests: [FileRequest] = []
    /// Each node's shell process, by node, or -1 until the node's first file step.
    var shellOf: [Int32] = []
    /// Each issuer's file steps not yet started, and its one in progress, by
    /// process (a shell for its node's own steps): Simulation+Shell.
    var fileQueues: [Int32: Deque<FileStep>] = [:]
    var fileInProgress: [Int32: Int32] = [:]
    /// Issuers whose file-step loop is running, so a step that ends at once does not nest.
    var fileStepping: Set<Int32> = []
    /// Shells made so far: they do not count as the script's processes.
    var shellCount = 0
    /// Ended processes waiting to be summarised, slots free for reuse, and what the summarised ones
    /// added up to (`Simulation.endedProcessRecords`, Simulation+EndedProcesses.swift).
    var ended = EndedProcesses()

    /// Processes the script started or declared (shells aside), summarised ones too: what the process
    /// limit bounds.
    var scriptProcessCount: Int { entries.count - shellCount - ended.free.count + ended.summary.recycled }

    /// The id the next process added gets: a free slot if there is one, else a new one.
    var nextID: Int32 { ended.free.last ?? Int32(entries.count) }

    init() {}

    public var count: Int { entries.count }

    /// The id of the process called `name`.
    public func id(named name: String) -> ProcessID? { index[name].map(ProcessID.init) }

    public func name(of process: ProcessID) -> String { names[Int(process.index)] }

    /// Scheduling priority: lower numbers run first.
    public func priority(of process: ProcessID) -> Int { Int(entries[Int(process.index)].priority) }

    /// Lottery / stride tickets.
    public func tickets(of process: ProcessID) -> Int { Int(entries[Int(process.index)].tickets) }

    /// The burst SJF and SRTF order by: the declared burst, else what is left
    /// of the current compute burst.
    public func knownBurst(of process: ProcessID) -> SimTime {
        let entry = entries[Int(process.index)]
        return entry.expectedBurst > .zero ? entry.expectedBurst : entry.remaining
    }

    /// What is left of the current compute burst (as of the last accounting).
    public func remainingBurst(of process: ProcessID) -> SimTime { entries[Int(process.index)].remaining }

    /// When the process last became ready.
    public func readySince(_ process: ProcessID) -> SimTime { entries[Int(process.index)].since }

    @inline(__always) subscript(process: ProcessID) -> SimProcess {
        unsafeAddress { entries.address(Int(process.index)) }
        unsafeMutableAddress { entries.mutableAddress(Int(process.index)) }
    }

    @inline(__always) subscript(process: Int32) -> SimProcess {
        unsafeAddress { entries.address(Int(process)) }
        unsafeMutableAddress { entries.mutableAddress(Int(process)) }
    }

    func keep(_ request: FileRequest) -> Int32 {
        fileRequests.append(request)
        return Int32(fileRequests.count - 1)
    }

    /// `listed: false` keeps the name out of the index (a shell is named as its node).
    /// Takes `nextID`: a summarised process's free slot, else a new one at the end.
    func add(_ process: SimProcess, name: String, depth: Int, listed: Bool = true) -> ProcessID {
        var stack: [LoopFrame] = []
        stack.reserveCapacity(depth)
        if let id = ended.free.popLast() {
            self[id] = process
            names[Int(id)] = name
            frames[Int(id)] = stack
            if listed { index[name] = id }
            return ProcessID(id)
        }
        let id = Int32(entries.count)
        entries.append(process)
        names.append(name)
        if listed { index[name] = id }
        frames.append(stack)
        return ProcessID(id)
    }

    /// Frees a summarised process's slot for the next process added: its name leaves the index, its record
    /// is marked free (read as no process), its loop frames go.
    func free(_ id: Int32) {
        if index[names[Int(id)]] == id { index[names[Int(id)]] = nil }
        names[Int(id)] = ""
        frames[Int(id)] = []
        self[id].kind = .free
        ended.free.append(id)
    }
}
