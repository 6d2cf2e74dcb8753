/// Why `run` returned.
public enum RunStop: Sendable, Equatable {
    /// Nothing left to do.
    case idle
    /// The requested deadline was reached; later events wait.
    case reachedDeadline
    /// A timer set with `scheduleTimer` fired: the caller has work to do now.
    case timer(id: Int32)
    /// The event budget ran out before the simulation went idle.
    case eventLimit
    /// The next event lies past the time limit given to `run`; the clock stays.
    case timeLimit
    /// The interrupt flag was raised.
    case interrupted
}

/// The event core: the run loop, timers, the trace and operation records.
extension Simulation {
    // MARK: Running

    /// Processes events in order until idle, `deadline`, a timer, the event
    /// budget, the time limit or an interrupt. With a deadline, the clock ends at the deadline.
    public func run(until deadline: SimTime? = nil, eventLimit: Int = .max, timeLimit: SimTime? = nil,
                    interrupt: InterruptFlag? = nil) -> RunStop {
        // No deadline lies after the end of simulated time.
        let deadline = deadline.map { min($0, SimTime.horizon) }
        var processed = 0
        // The earliest event is found once, looked at, and taken from where it was found.
        while let source = queue.earliest {
            let event = queue.first(of: source)
            if let deadline, event.time > deadline {
                now = deadline
                return .reachedDeadline
            }
            // An event its subsystem finds invisible (a slice end whose CPU moved on, a boost with no
            // one left, a delayed-write daemon with nothing to write) is dropped unseen: it neither
            // moves the clock, nor counts, nor passes the time limit, nor keeps a run going.
            if discardIfInvisible(event.kind) {
                queue.remove(from: source)
                continue
            }
            if let timeLimit, event.time > timeLimit { return .timeLimit }
            if processed >= eventLimit { return .eventLimit }
            if processed & 0x3FF == 0, let interrupt, interrupt.isRaised { return .interrupted }
            queue.remove(from: source)
            now = event.time
            processed += 1
            statistics.eventsProcessed += 1
            // One arm per subsystem, which alone knows what its event means; a timer hands control back.
            switch event.kind {
            case .net(let e): handle(e)
            case .ipc(let e): handle(e)
            case .rpc(let e): handle(e)
            case .files(let e): handle(e)
            case .sched(let e): handle(e)
            case .dsm(let e): handle(e)
            case .mem(let e): handle(e)
            case .timer(let id): return .timer(id: id)
            }
        }
        if let deadline, deadline > now { now = deadline }
        return .idle
    }

    /// Asks `run` to stop and return `.timer(id)` when the clock reaches `time`.
    public func scheduleTimer(at time: SimTime) throws(KernelError) -> Int32 {
        guard time >= now else { throw .timeInPast(requested: time, now: now) }
        guard !time.isPastHorizon else { throw .pastHorizon(requested: time) }
        let id = nextTimer
        nextTimer += 1
        queue.schedule(.timer(id: id), at: time)
        return id
    }

    public var hasPendingEvents: Bool { !queue.isEmpty }
    public var pendingEventCount: Int { queue.count }
    public var nextEventTime: SimTime? { queue.nextTime }

    /// Trace records produced since the last call.
    public func drainTrace() -> [TraceRecord] {
        defer { pendingTrace.removeAll(keepingCapacity: true) }
        return pendingTrace
    }

    /// The event is built only if the trace level wants it.
    func record(_ event: @autoclosure () -> TraceEvent, at node: Int, level: TraceLevel = .operations) {
        guard traceLevel >= level else { return }
        pendingTrace.append(TraceRecord(time: now, node: node, event: event()))
    }

    // MARK: Operations

    public func operation(_ id: Int32) -> OperationRecord? {
        operations.contains(id) ? operations[Int(id)] : nil
    }

    /// Operation ids issued so far; `operation(_:)` is nil for a kernel RPC that has ended (OperationTable).
    public var operationCount: Int { operations.count }

    func newOperation(_ kind: OperationKind, node: Int, process: Int? = nil, peer: Int? = nil) -> Int32 {
        let id = Int32(operations.count)
        operations.append(OperationRecord(id: id, kind: kind, node: node, process: process,
                                          peer: peer, issuedAt: now))
        return id
    }

    func start(_ operation: Int32) {
        guard operations.contains(operation) else { return }
        operations[Int(operation)].status = .running
        operations[Int(operation)].startedAt = now
    }

    func finish(_ operation: Int32) {
        // Background work (a daemon's write-back) runs as operation -1.
        guard operations.contains(operation), operations[Int(operation)].status == .running else { return }
        operations[Int(operation)].status = .done
        operations[Int(operation)].finishedAt = now
        statistics.operationsDone += 1
    }

    func fail(_ operation: Int32, _ failure: OperationFailure) {
        guard operations.contains(operation) else { return }
        let node = operations[Int(operation)].node
        switch operations[Int(operation)].status {
        case .done, .failed: return
        case .queued, .running: break
        }
        operations[Int(operation)].status = .failed(failure)
        operations[Int(operation)].finishedAt = now
        if operations[Int(operation)].startedAt == nil { operations[Int(operation)].startedAt = now }
        statistics.operationsFailed += 1
        record(.operationFailed(operation: operation, failure: failure), at: node)
    }
}

extension Simulation {
    /// Restarts the random sequence; later loss draws follow the new seed.
    public func reseed(_ seed: UInt64) {
        self.seed = seed
        random = SeededGenerator(seed: seed)
    }
}
