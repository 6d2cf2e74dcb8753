/// A program compiled into a flat list of steps: `repeat` becomes a start and
/// an end marker around its body, so a process walks it with an index and a
/// small stack of loop frames instead of an expanded copy.
struct Program {
    var name: String
    var steps: [Step]
    /// The deepest nesting of `repeat`: a process reserves this many frames.
    var maxDepth: Int
    /// Sum of every compute and syscall burst, repeats multiplied out
    /// (saturating): the known total burst when none is declared.
    var totalBurst: SimTime
    /// Steps one run of the program takes, repeats multiplied out (saturating).
    var expandedSteps: Int64
    /// The declared address space its processes get (Memory/), or -1.
    var space: Int32 = -1
    /// Its steps only compute and wait on timers (no fork, lock, message, file, memory or DSM step): a
    /// process of it that ended leaves nothing in another table that names it, so its record can be
    /// summarised (`EndedProcessRecords.summary`).
    var summarisable = false
}

/// A compiled step. Names are interned into small integer handles.
enum Step: Equatable {
    case compute(SimTime, memoryShare: Double)
    case syscall(SimTime)
    case locationCall(LocationCall, cpu: SimTime)
    case io(SimTime)
    case sleep(SimTime)
    case lock(Int32, LockKind)
    case unlock(Int32)
    case barrier(Int32, parties: Int32)
    case signal(Int32)
    case wait(Int32)
    case fork(program: Int32, shared: Bool)
    case spawn(program: Int32, node: Int32)
    case exit
    /// V IPC: peers (process names) and texts are interned handles; text -1 is none.
    case send(peer: Int32, text: Int32, wait: Bool)
    case receive
    case reply(peer: Int32, text: Int32)
    /// MoveTo (`outward`) or MoveFrom.
    case move(peer: Int32, bytes: Int64, outward: Bool)
    /// A file operation: a handle to the program's `FileRequest`, kept apart so a step stays plain data.
    case file(Int32)
    /// DSM: a page of a segment (by index) and the offset in it; lock, release and barrier (names interned).
    case dsmAccess(segment: Int32, page: Int32, offset: Int32, size: Int32, write: Bool)
    case dsmAcquire(Int32)
    case dsmRelease(Int32)
    case dsmBarrier(Int32, parties: Int32)
    /// Runs the steps up to the matching `repeatEnd` (at `end`) `count` times.
    case repeatStart(count: Int32, end: Int32)
    /// Goes back to just after the matching `repeatStart` (at `start`) while laps remain.
    case repeatEnd(start: Int32)
    /// Later bursts follow this access pattern (a handle into Memory/'s patterns).
    case pattern(Int32)
    /// Later bursts touch a shared segment's pages (a handle into DSM/'s patterns).
    case dsmPattern(Int32)
}

extension Step {
    /// A step that only computes or waits on a timer, or a loop marker.
    var onlyComputesOrWaits: Bool {
        switch self {
        case .compute, .io, .sleep, .exit, .repeatStart, .repeatEnd: true
        default: false
        }
    }

    /// Whether a process off a CPU must be dispatched before it takes this
    /// step: every step but bursts (which need the CPU anyway; an empty one is
    /// skipped) and the bookkeeping of loops.
    var needsCPU: Bool {
        switch self {
        case .repeatStart, .repeatEnd, .compute, .syscall, .pattern, .dsmPattern: false
        default: true
        }
    }
}

extension ProgramCompiler {
    /// A DSM step: the segment resolved, the offset turned into a page (an access stays within one page).
    func compileDSM(_ step: ProgramStep) throws(KernelError) -> Step {
        switch step {
        case .dsmAccess(let name, let offset, let size, let write):
            guard let segment = segment(name) else { throw .invalidValue("dsm segment \(name)") }
            let page = offset / segment.pageSize
            guard offset >= 0, size >= 0, page < Int64(segment.pages),
                  (offset + max(size, 1) - 1) / segment.pageSize == page else {
                throw .invalidValue("dsm \(name) offset \(offset)")
            }
            let inPage = Int32(offset - page * segment.pageSize)
            return .dsmAccess(segment: segment.index, page: Int32(page), offset: inPage, size: Int32(size),
                              write: write)
        case .dsmAcquire(let name): return .dsmAcquire(intern(name))
        case .dsmRelease(let name): return .dsmRelease(intern(name))
        case .dsmBarrier(let name, let parties):
            guard parties >= 1, parties <= Int(Int32.max) else { throw .invalidValue("dsm barrier \(name)") }
            return .dsmBarrier(intern(name), parties: Int32(parties))
        default:
            throw .invalidValue("dsm step")
        }
    }
}

/// One active `repeat`: where its body starts and how many laps are left.
struct LoopFrame {
    var bodyStart: Int32
    var lapsLeft: Int32
}

/// Turns public steps into compiled ones, resolving names.
struct ProgramCompiler {
    /// Looks a program name up; `nil` when unknown.
    var program: (String) -> Int32?
    /// Interns a lock, barrier or peer name, or a message text.
    var intern: (String) -> Int32
    /// Keeps a file step's request; returns its handle.
    var keepFileRequest: (FileRequest) -> Int32
    var nodeCount: Int
    /// Looks a DSM segment up: its index, page size and pages; `nil` when undeclared.
    var segment: (String) -> (index: Int32, pageSize: Int64, pages: Int32)? = { _ in nil }
    /// The most steps one run of a program may take, repeats multiplied out.
    var stepLimit: Int64
    /// Keeps a `pattern` step's access pattern; returns its handle.
    var keepPattern: (AccessPattern) throws(KernelError) -> Int32 = { _ throws(KernelError) in -1 }
    /// Keeps a `pattern … over dsm` step's pattern; returns its handle.
    var keepDSMPattern: (DSMAccessPattern) throws(KernelError) -> Int32 = { _ throws(KernelError) in -1 }

    func compile(name: String, _ steps: [ProgramStep]) throws(KernelError) -> Program {
        var out: [Step] = []
        var depth = 0
        var total = SimTime.zero
        var expanded: Int64 = 0
        try append(steps, to: &out, depth: 1, maxDepth: &depth, total: &total, expanded: &expanded, laps: 1)
        guard expanded <= stepLimit else { throw .limitReached("program steps") }
        var program = Program(name: name, steps: out, maxDepth: depth, totalBurst: total, expandedSteps: expanded)
        program.summarisable = out.allSatisfy(\.onlyComputesOrWaits)
        return program
    }

    private func append(_ steps: [ProgramStep], to out: inout [Step], depth: Int, maxDepth: inout Int,
                        total: inout SimTime, expanded: inout Int64, laps: Int64) throws(KernelError) {
        for step in steps {
            // A repeat is bookkeeping, not a step of its own.
            if case .repeat = step {} else { expanded.addSaturating(laps) }
            switch step {
            case .compute(let duration, let share):
                guard duration >= .zero, share >= 0, share <= 1 else { throw .invalidValue("compute") }
                out.append(.compute(duration, memoryShare: share))
                total += duration * laps
            case .syscall(let duration):
                guard duration >= .zero else { throw .invalidValue("syscall") }
                out.append(.syscall(duration))
                total += duration * laps
            case .locationCall(let call, let cpu):
                guard cpu >= .zero else { throw .invalidValue("syscall") }
                out.append(.locationCall(call, cpu: cpu))
                total += cpu * laps
            case .io(let duration):
                guard duration >= .zero else { throw .invalidValue("io") }
                out.append(.io(duration))
            case .sleep(let duration):
                guard duration >= .zero else { throw .invalidValue("sleep") }
                out.append(.sleep(duration))
            case .lock(let name, let kind):
                out.append(.lock(intern(name), kind))
            case .unlock(let name):
                out.append(.unlock(intern(name)))
            case .barrier(let name, let parties):
                guard parties >= 1, parties <= Int(Int32.max) else { throw .invalidValue("barrier \(name)") }
                out.append(.barrier(intern(name), parties: Int32(parties)))
            case .signal(let name):
                out.append(.signal(intern(name)))
            case .wait(let name):
                out.append(.wait(intern(name)))
            case .fork(let child, let shared):
                guard let id = program(child) else { throw .unknownProgram(child) }
                out.append(.fork(program: id, shared: shared))
            case .spawn(let child, let node):
                guard let id = program(child) else { throw .unknownProgram(child) }
                guard node >= 0, node < nodeCount else { throw .unknownNode("#\(node)") }
                out.append(.spawn(program: id, node: Int32(node)))
            case .exit:
                out.append(.exit)
            case .send(let peer, let text, let wait):
                out.append(.send(peer: intern(peer), text: text.map(intern) ?? -1, wait: wait))
            case .receive:
                out.append(.receive)
            case .reply(let peer, let text):
                out.append(.reply(peer: intern(peer), text: text.map(intern) ?? -1))
            case .moveTo(let peer, let bytes), .moveFrom(let peer, let bytes):
                guard bytes > 0 else { throw .invalidValue("move of \(bytes) bytes") }
                var outward = false
                if case .moveTo = step { outward = true }
                out.append(.move(peer: intern(peer), bytes: bytes, outward: outward))
            case .file(let request):
                out.append(.file(keepFileRequest(request)))
            case .dsmAccess, .dsmAcquire, .dsmRelease, .dsmBarrier:
                out.append(try compileDSM(step))
            case .pattern(let pattern):
                out.append(.pattern(try keepPattern(pattern)))
            case .dsmPattern(let pattern):
                out.append(.dsmPattern(try keepDSMPattern(pattern)))
            case .repeat(let count, let body):
                guard count >= 0, count <= Int(Int32.max) else { throw .invalidValue("repeat \(count)") }
                let start = out.count
                out.append(.repeatStart(count: Int32(count), end: 0))
                maxDepth = max(maxDepth, depth)
                let (product, overflow) = laps.multipliedReportingOverflow(by: Int64(count))
                try append(body, to: &out, depth: depth + 1, maxDepth: &maxDepth, total: &total,
                           expanded: &expanded, laps: overflow ? .max : product)
                out.append(.repeatEnd(start: Int32(start)))
                out[start] = .repeatStart(count: Int32(count), end: Int32(out.count - 1))
            }
        }
    }
}
