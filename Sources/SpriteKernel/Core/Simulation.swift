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

/// The deterministic multi-node kernel engine: nodes, network, V processes
/// and Sprite RPC over one event queue. It performs no I/O; results come
/// back as operation records, statistics and a trace of typed events.
///
/// The engine is single-threaded and never holds an access to one of its
/// tables across a call that could reach the same table, so the state touched
/// on every event is marked `@exclusivity(unchecked)`: the run-time
/// exclusivity checks on those properties cost about a third of the event loop.
public final class Simulation {
    @exclusivity(unchecked) public private(set) var now: SimTime = .zero
    public private(set) var seed: UInt64
    @exclusivity(unchecked) public var traceLevel: TraceLevel = .operations
    /// The most bytes of file data (the sizes of every file version kept) a
    /// write may bring the simulation to; past it the write fails.
    public var fileBytesLimit: Int64 = .max
    /// The most bytes of text (file versions written with real contents) the
    /// simulation may hold; past it the write fails. The memory limit sets it.
    public var textBytesLimit: Int64 = .max
    @exclusivity(unchecked) public internal(set) var statistics = Statistics()

    @exclusivity(unchecked) var queue = EventQueue()
    @exclusivity(unchecked) var random: SeededGenerator
    @exclusivity(unchecked) var nodes: [Node] = []
    var nodeIndex: [String: Int] = [:]
    @exclusivity(unchecked) var network: Network
    @exclusivity(unchecked) var processes: [VProcess] = []
    var processIndex: [String: Int] = [:]
    @exclusivity(unchecked) var messages = MessageTable()
    @exclusivity(unchecked) var operations: [OperationRecord] = []
    @exclusivity(unchecked) var rpcSeries = SeriesTable()
    @exclusivity(unchecked) var pendingTrace: [TraceRecord] = []
    var nextTimer: Int32 = 0
    var fs = FileSystemState()
    /// Each node's file-system client, apart from `fs` so a step can change
    /// its client in place while reading the rest of the file system.
    var fileClients: [Int: FileClient] = [:]
    /// Processes and nodes whose step loop is running, so a step that ends at
    /// once does not start a nested loop.
    var advancing: Set<Int> = []
    var startingFileSteps: Set<Int> = []

    public init(seed: UInt64 = 1, network: NetworkConfig = NetworkConfig()) {
        self.seed = seed
        self.random = SeededGenerator(seed: seed)
        self.network = Network(config: network, nodeCount: 0)
    }

    // MARK: Running

    /// Processes events in order until idle, `deadline`, a timer, the event
    /// budget, the time limit or an interrupt. With a deadline, the clock ends at the deadline.
    public func run(until deadline: SimTime? = nil, eventLimit: Int = .max, timeLimit: SimTime? = nil,
                    interrupt: InterruptFlag? = nil) -> RunStop {
        // No deadline lies after the end of simulated time.
        let deadline = deadline.map { min($0, SimTime.horizon) }
        var processed = 0
        while let next = queue.nextTime {
            if let deadline, next > deadline {
                now = deadline
                return .reachedDeadline
            }
            if let timeLimit, next > timeLimit {
                guard fs.daemonWakeups != 0, let event = queue.next, case .files(.flushDaemon(let node)) = event.kind,
                      !hasDirtyFiles(Int(node)) else {
                    return .timeLimit
                }
                // An idle daemon's wakeup is invisible (see below): it does not count as passing the limit.
                _ = queue.popNext()
                fs.daemonWakeups -= 1
                fileClients[Int(node)]?.daemonScheduled = false
                continue
            }
            if processed >= eventLimit { return .eventLimit }
            if processed & 0x3FF == 0, let interrupt, interrupt.isRaised { return .interrupted }
            guard let event = queue.popNext() else { break }
            // The counter spares most events the look inside for a daemon wakeup.
            if fs.daemonWakeups != 0, case .files(.flushDaemon(let node)) = event.kind {
                fs.daemonWakeups -= 1
                if !hasDirtyFiles(Int(node)) {
                    // A delayed-write daemon with nothing left to write: its wakeup
                    // is invisible, so it neither moves the clock nor keeps a run going.
                    fileClients[Int(node)]?.daemonScheduled = false
                    continue
                }
            }
            now = event.time
            processed += 1
            statistics.eventsProcessed += 1
            // One arm per subsystem, which alone knows what its event means; a timer hands control back.
            switch event.kind {
            case .net(let e): handle(e)
            case .ipc(let e): handle(e)
            case .rpc(let e): handle(e)
            case .files(let e): handle(e)
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

    /// The records the engine keeps, a measure of its memory: operations,
    /// pending events, undrained trace records, file-history events and file
    /// versions. Each is a fixed-size record of at most a few hundred bytes.
    public var recordCount: Int {
        operations.count + queue.count + pendingTrace.count + fs.history.count + fs.contents.count
            + fs.directoryHistory.count + fs.listedNames / 8
    }

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
        operations.indices.contains(Int(id)) ? operations[Int(id)] : nil
    }

    public var operationCount: Int { operations.count }

    func newOperation(_ kind: OperationKind, node: Int, process: Int? = nil, peer: Int? = nil) -> Int32 {
        let id = Int32(operations.count)
        operations.append(OperationRecord(id: id, kind: kind, node: node, process: process,
                                          peer: peer, issuedAt: now))
        return id
    }

    func start(_ operation: Int32) {
        guard operations.indices.contains(Int(operation)) else { return }
        operations[Int(operation)].status = .running
        operations[Int(operation)].startedAt = now
    }

    func finish(_ operation: Int32) {
        // Background work (a daemon's write-back) runs as operation -1.
        guard operations.indices.contains(Int(operation)), operations[Int(operation)].status == .running else { return }
        operations[Int(operation)].status = .done
        operations[Int(operation)].finishedAt = now
        statistics.operationsDone += 1
    }

    func fail(_ operation: Int32, _ failure: OperationFailure) {
        guard operations.indices.contains(Int(operation)) else { return }
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

    // MARK: Messages

    /// Puts a message on the network (or, between processes on one node,
    /// through the local kernel) and schedules its arrival.
    func transmit(_ message: Message) {
        var message = message
        message.sentAt = now
        message.sourceIncarnation = nodes[message.source].incarnation
        message.destinationIncarnation = nodes[message.destination].incarnation
        // The cost model is read in place: a copy of it would cost a memcpy per message.
        let arrival: SimTime
        var lost = false
        if message.source == message.destination {
            message.isLocal = true
            statistics.localMessages += 1
            // One kernel message; data beyond a fixed V message is copied memory to memory.
            let fixed = message.kind == .vSend || message.kind == .vReply ? network.config.cost.vMessageBytes : 0
            arrival = now + network.config.cost.localMessageCost
                + network.config.cost.localCopy(bytes: max(0, message.payloadBytes - fixed))
        } else {
            // The sender's CPU copies the whole message out before the first packet
            // leaves; the receiver's copies it in after the last arrives (no overlap).
            let work = CostModel.endpointWork(bytes: message.payloadBytes,
                                              packetOverhead: network.config.cost.packetOverhead,
                                              copyBytesPerSecond: network.config.cost.copyBytesPerSecond,
                                              mtuBytes: network.config.cost.mtuBytes)
            let sending = (network.config.cost.sendOverhead + work).scaled(bySpeed: nodes[message.source].spec.speed)
            let transfer = network.transmit(payloadBytes: message.payloadBytes, from: message.source,
                                            to: message.destination, departure: now + sending,
                                            random: &random)
            message.packets = transfer.packets
            message.wireBytes = transfer.wireBytes
            let charged = message.isFileCall ? fs.calls[message.operation]?.operation ?? -1 : message.operation
            if charged >= 0 { operations[Int(charged)].packets.addSaturating(transfer.packets) }
            statistics.packets.addSaturating(transfer.packets)
            statistics.wireBytes.addSaturating(transfer.wireBytes)
            arrival = transfer.arrival
                + (network.config.cost.receiveOverhead + work).scaled(bySpeed: nodes[message.destination].spec.speed)
            lost = transfer.lost
        }
        statistics.messagesSent += 1
        let id = messages.insert(message)
        record(.messageSent(summary(id)), at: message.source, level: .messages)
        if lost {
            let reason: DropReason = network.canReach(message.source, message.destination) ? .loss : .partition
            drop(id, reason: reason)
        } else {
            schedule(.net(.deliver(message: id)), at: arrival)
        }
    }

    func summary(_ id: Int32) -> MessageSummary {
        let m = messages[id]
        return MessageSummary(id: id, kind: m.kind, source: m.source, destination: m.destination,
                              payloadBytes: m.payloadBytes, packets: m.packets, wireBytes: m.wireBytes,
                              attempt: m.attempt)
    }

    /// A lost message: the sender notices when its timeout runs out after the
    /// attempt, then sends it again or, after the last retry, gives up. So
    /// every one of the retries + 1 attempts waits its timeout.
    private func drop(_ id: Int32, reason: DropReason) {
        statistics.messagesDropped += 1
        let message = messages[id]
        record(.messageDropped(summary(id), reason), at: message.destination, level: .messages)
        let sender = nodes[message.source]
        guard sender.isUp, sender.incarnation == message.sourceIncarnation, reason != .senderCrashed else {
            messages.release(id)
            return
        }
        schedule(.net(.retransmit(message: id)), at: max(now, message.sentAt + network.config.cost.retransmitTimeout))
    }

    /// The last attempt's timeout ran out: the operation fails.
    private func giveUp(_ id: Int32) {
        let message = messages[id]
        messages.release(id)
        if message.isFileCall {
            let silent = message.kind == .callRequest ? message.destination : message.source
            failCall(message.operation, .noAnswer(node: silent, attempts: message.attempt + 1))
            return
        }
        // The node that never answered, seen from the node that issued the operation.
        let issuer = operations[Int(message.operation)].node
        let silent = issuer == message.source ? message.destination : message.source
        fail(message.operation, .noAnswer(node: silent, attempts: message.attempt + 1))
        if message.kind == .rpcRequest || message.kind == .rpcReply { rpcSeries[message.operation] = nil }
        releaseWaiter(of: message)
    }

    /// After a send fails for good, the process blocked on it fails and may go on:
    /// the sender awaiting a lost reply, or the process whose own operation
    /// (send, moveto, movefrom) the message belonged to.
    private func releaseWaiter(of message: Message) {
        let process: Int
        if message.kind == .vReply {
            process = Int(message.toProcess)
            guard process >= 0,
                  processes[process].state == .awaitingReply(peer: Int(message.fromProcess)) else { return }
        } else {
            guard let owner = operations[Int(message.operation)].process,
                  processes[owner].current == message.operation else { return }
            process = owner
        }
        if let current = processes[process].current {
            let node = processes[process].node
            fail(current, .noAnswer(node: node == message.source ? message.destination : message.source,
                                    attempts: message.attempt + 1))
        }
        processes[process].current = nil
        processes[process].state = .ready
        advance(process: process)
    }

    func retransmit(_ id: Int32) {
        var message = messages[id]
        let sender = nodes[message.source]
        guard sender.isUp, sender.incarnation == message.sourceIncarnation else {
            messages.release(id)
            return
        }
        guard message.attempt < network.config.cost.maxRetransmits else { return giveUp(id) }
        message.attempt += 1
        statistics.retransmissions += 1
        messages.release(id)
        record(.retransmitting(summaryOf(message)), at: message.source, level: .messages)
        transmit(message)
    }

    private func summaryOf(_ m: Message) -> MessageSummary {
        MessageSummary(id: -1, kind: m.kind, source: m.source, destination: m.destination,
                       payloadBytes: m.payloadBytes, packets: m.packets, wireBytes: m.wireBytes, attempt: m.attempt)
    }

    func deliver(_ id: Int32) {
        let message = messages[id]
        let source = nodes[message.source]
        let destination = nodes[message.destination]
        if source.incarnation != message.sourceIncarnation {
            drop(id, reason: .senderCrashed)
            return
        }
        if !destination.isUp || destination.incarnation != message.destinationIncarnation {
            drop(id, reason: .destinationDown)
            return
        }
        if !network.canReach(message.source, message.destination) {
            drop(id, reason: .partition)
            return
        }
        statistics.messagesDelivered += 1
        record(.messageDelivered(summary(id)), at: message.destination, level: .messages)
        messages.release(id)
        switch message.kind {
        case .vSend, .vReply, .moveRequest, .moveData, .moveAck: deliverIPC(message)
        case .rpcRequest, .rpcReply: deliverRPC(message)
        case .callRequest, .callReply: deliverCall(message)
        }
    }
}

extension Simulation {
    /// Restarts the random sequence; later loss draws follow the new seed.
    public func reseed(_ seed: UInt64) {
        self.seed = seed
        random = SeededGenerator(seed: seed)
    }
}
