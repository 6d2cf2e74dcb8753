import DequeModule

/// Declared processes (`process NAME on NODE`): entries of the process table
/// whose steps the language issues one at a time. Each step is an operation
/// made when it is issued; the process takes its queued steps in order, and a
/// step that blocks holds the rest. A declared process has no program: its
/// V IPC runs through the same mailboxes and delivery as a program's
/// (Simulation+IPCDelivery); its compute books the node's CPU, or runs as a
/// burst under the node's scheduler when one is declared.
extension Simulation {
    @discardableResult
    public func addProcess(named name: String, on node: Int) throws(KernelError) -> Int {
        let s = scheduler
        guard s.table.index[name] == nil else { throw .duplicateProcess(name) }
        guard nodes.indices.contains(node) else { throw .unknownNode(String(node)) }
        let id = s.table.nextID
        var process = SimProcess(node: Int32(node), program: -1, arrival: now, priority: 0, tickets: 100,
                                 expectedBurst: .zero, group: id)
        process.kind = .declared
        process.root = id
        process.phase = .blocked
        process.since = now
        if !nodes[node].isUp {
            process.killed = true
            process.phase = .done
        }
        _ = s.table.add(process, name: name, depth: 0)
        s.table.declared.append(id)
        return Int(id)
    }

    /// The declared process called `name`.
    public func process(named name: String) -> Int? {
        guard let id = scheduler.table.index[name], scheduler.table[id].kind == .declared else { return nil }
        return Int(id)
    }

    /// The process called `name`, declared or running a program (a node's shell has no name to find).
    public func anyProcess(named name: String) -> Int? { scheduler.table.index[name].map(Int.init) }

    /// Declared processes.
    public var processCount: Int { scheduler.table.declared.count }

    /// Every declared process, in the order they were declared.
    public var declaredProcesses: [Int] { scheduler.table.declared.map(Int.init) }

    /// The name of any process, declared or running a program.
    public func processName(_ process: Int) -> String {
        process >= 0 && process < scheduler.table.count ? scheduler.table.names[process] : "?"
    }

    public func processInfo(_ process: Int) -> ProcessInfo {
        let s = scheduler
        let id = Int32(process)
        let mailbox = s.mailboxes[id]
        return ProcessInfo(name: s.table.names[process], node: Int(s.table[id].node), state: processState(id),
                           queuedSteps: s.table.stepQueues[id]?.count ?? 0, inboxCount: mailbox?.inbox.count ?? 0,
                           lastReceived: mailbox?.lastReceived)
    }

    /// The state, read off the process: dead, else what its operation in progress waits for.
    func processState(_ process: Int32) -> ProcessState {
        let s = scheduler
        if s.table[process].killed { return .dead }
        guard let mailbox = s.mailboxes[process], mailbox.current >= 0 else { return .ready }
        switch operations[Int(mailbox.current)].kind {
        case .send: return .awaitingReply(peer: Int(mailbox.peer))
        case .receive: return .receiving
        default: return s.table[process].blockKind == .file ? .file : .busy
        }
    }

    // MARK: Issuing steps

    /// Send: `process` transmits a fixed-size message (plus an optional
    /// segment) to `peer` and blocks until `peer` replies.
    public func send(from process: Int, to peer: Int, text: String?, segmentBytes: Int64 = 0) -> Int32 {
        let op = newOperation(.send, node: nodeOf(process), process: process, peer: peer)
        enqueue(.send(to: Int32(peer), text: text, segmentBytes: segmentBytes, operation: op), on: process)
        return op
    }

    /// Receive: takes the oldest delivered message, or blocks until one arrives.
    public func receive(by process: Int) -> Int32 {
        let op = newOperation(.receive, node: nodeOf(process), process: process)
        enqueue(.receive(operation: op), on: process)
        return op
    }

    /// Reply: unblocks `peer`, which must be awaiting our reply. Does not block.
    public func reply(from process: Int, to peer: Int, text: String?, segmentBytes: Int64 = 0) -> Int32 {
        let op = newOperation(.reply, node: nodeOf(process), process: process, peer: peer)
        enqueue(.reply(to: Int32(peer), text: text, segmentBytes: segmentBytes, operation: op), on: process)
        return op
    }

    /// MoveTo: copies `bytes` into the address space of `peer`, which must be
    /// blocked awaiting our reply; blocks until the transfer is acknowledged.
    public func moveTo(from process: Int, to peer: Int, bytes: Int64) -> Int32 {
        let op = newOperation(.moveTo, node: nodeOf(process), process: process, peer: peer)
        enqueue(.moveTo(peer: Int32(peer), bytes: bytes, operation: op), on: process)
        return op
    }

    /// MoveFrom: copies `bytes` out of the address space of `peer`, which must
    /// be blocked awaiting our reply; blocks until the data has arrived.
    public func moveFrom(by process: Int, from peer: Int, bytes: Int64) -> Int32 {
        let op = newOperation(.moveFrom, node: nodeOf(process), process: process, peer: peer)
        enqueue(.moveFrom(peer: Int32(peer), bytes: bytes, operation: op), on: process)
        return op
    }

    /// Compute: occupies one of the node's CPUs for `duration` (scaled by speed).
    public func compute(by process: Int, duration: SimTime) -> Int32 {
        let op = newOperation(.compute, node: nodeOf(process), process: process)
        enqueue(.compute(duration: duration, operation: op), on: process)
        return op
    }

    private func nodeOf(_ process: Int) -> Int { Int(scheduler.table[Int32(process)].node) }

    func enqueue(_ step: QueuedStep, on process: Int) {
        let s = scheduler
        let id = Int32(process)
        if s.table[id].killed {
            fail(step.operation, .nodeDown(node: Int(s.table[id].node)))
            return
        }
        s.table.stepQueues[id, default: Deque()].append(step)
        runSteps(id, onCPU: false)
    }

    // MARK: Running steps

    /// Whether the process can take its next step: alive, with no operation in progress.
    func isIdle(_ process: Int32) -> Bool {
        !scheduler.table[process].killed && (scheduler.mailboxes[process]?.current ?? -1) < 0
    }

    /// Runs the process's queued steps until one blocks or none remain. A step
    /// that completes at once (a receive with a message waiting) lets the loop,
    /// not a nested call, take the next step, so a long run of such steps cannot
    /// exhaust the stack. Under a declared scheduler a compute step is a burst:
    /// the process keeps its CPU for it (`onCPU`) or becomes ready, and the
    /// outcome says so; a file step is taken only on a CPU, so off one the
    /// process becomes ready and takes it once dispatched (`needsCPU`).
    /// Otherwise the process is left blocked (or idle).
    @discardableResult
    func runSteps(_ process: Int32, onCPU: Bool) -> StepOutcome {
        let s = scheduler
        guard s.table.stepping.insert(process).inserted else { return .blocked }
        defer { s.table.stepping.remove(process) }
        // Ready for a file step: it takes that step, and the ones after, once it holds a CPU.
        if !onCPU && s.table[process].stepsPending { return .needsCPU }
        while isIdle(process), let step = s.table.stepQueues[process]?.popFirst() {
            if case .compute(let duration, let op) = step, let slot = declaredSchedulerSlot(of: process) {
                startBurst(process, duration: duration, operation: op, slot: slot, onCPU: onCPU)
                return .compute
            }
            if case .file = step, !onCPU, declaredSchedulerSlot(of: process) != nil {
                s.table.stepQueues[process]?.prepend(step)
                awaitCPU(process)
                return .needsCPU
            }
            perform(step, by: process)
        }
        if isIdle(process) {
            // Off its CPU after a burst, it is blocked from now: waiting for the script's next step.
            if s.table[process].phase != .blocked { s.table[process].since = now }
            s.table[process].phase = .blocked
            s.table[process].blockKind = .none
        }
        return .blocked
    }

    /// The node's scheduler slot when a scheduler was declared on it, else nil (compute books the CPU).
    private func declaredSchedulerSlot(of process: Int32) -> Int? {
        guard let slot = schedulerSlot(Int(scheduler.table[process].node)),
              scheduler.nodes[slot].schedulerDeclared else { return nil }
        return slot
    }

    /// A compute step as a burst under the node's scheduler: the process waits
    /// for a CPU like a program's burst and is charged as one.
    private func startBurst(_ process: Int32, duration: SimTime, operation op: Int32, slot: Int, onCPU: Bool) {
        let s = scheduler
        start(op)
        s.mailboxes[process, default: ProcessMailbox()].current = op
        s.mailboxes[process]?.peer = -1
        s.table[process].remaining = duration.scaled(bySpeed: nodes[Int(s.table[process].node)].spec.speed)
        s.table[process].memoryShare = 0
        s.table[process].kernelWork = false
        s.table[process].stepsPending = false
        if !onCPU {
            if s.table[process].phase == .blocked { s.table[process].blockedTime += now - s.table[process].since }
            s.table[process].blockKind = .none
            makeReady(process, why: .woke)
        }
    }

    /// A file step off its CPU: the process becomes ready with no burst, and
    /// takes the step when dispatched, as a program's process does.
    private func awaitCPU(_ process: Int32) {
        let s = scheduler
        if s.table[process].phase == .blocked { s.table[process].blockedTime += now - s.table[process].since }
        s.table[process].remaining = .zero
        s.table[process].memoryShare = 0
        s.table[process].kernelWork = false
        s.table[process].stepsPending = true
        s.table[process].blockKind = .none
        makeReady(process, why: .woke)
    }

    /// A declared process's burst under a scheduler has ended on its CPU (or it
    /// was dispatched to take a file step): a compute completes and the process
    /// takes its next steps there.
    func declaredBurstEnded(_ process: Int32, onCPU: Bool) -> StepOutcome {
        let op = scheduler.mailboxes[process]?.current ?? -1
        if op >= 0, operations[Int(op)].kind == .compute {
            scheduler.mailboxes[process]?.current = -1
            completeCompute(op, by: process)
        }
        return runSteps(process, onCPU: onCPU)
    }

    private func perform(_ step: QueuedStep, by process: Int32) {
        let s = scheduler
        let node = Int(s.table[process].node)
        let cost = network.config.cost
        if case .file(let fileStep) = step { return performFileStep(fileStep, by: process) }
        start(step.operation)
        switch step {
        case .send(let peer, let text, let segment, let op):
            guard checkSize(op, text: text, segment: segment) else { return }
            let bytes = cost.vMessageBytes + segment
            let destination = Int(s.table[peer].node)
            operations[Int(op)].bytes = bytes
            operations[Int(op)].penalty = networkPenalty(bytes: bytes, from: node, to: destination)
            hold(process, on: op, peer: peer)
            record(.vSent(operation: op, from: Int(process), to: Int(peer), text: text, bytes: bytes), at: node)
            transmit(Message(kind: .vSend, source: node, destination: destination, fromProcess: process,
                             toProcess: peer, operation: op, payloadBytes: bytes), text: text)

        case .receive(let op):
            if let entry = s.mailboxes[process]?.inbox.popFirst() {
                completeReceive(op, by: process, entry: entry)
            } else {
                hold(process, on: op, peer: -1)
            }

        case .reply(let peer, let text, let segment, let op):
            guard s.mailboxes[process]?.awaitingOurReply.contains(peer) == true else {
                return fail(op, .notAwaitingReply(process: Int(peer), peer: Int(process)))
            }
            // A refused reply sends nothing, so the peer must stay ours to reply to.
            guard checkSize(op, text: text, segment: segment) else { return }
            takeAwaitingReply(peer, of: process)
            let bytes = cost.vMessageBytes + segment
            operations[Int(op)].bytes = bytes
            operations[Int(op)].text = text
            record(.vReplied(operation: op, process: Int(process), to: Int(peer), text: text, bytes: bytes), at: node)
            transmit(Message(kind: .vReply, source: node, destination: Int(s.table[peer].node),
                             fromProcess: process, toProcess: peer, operation: op, payloadBytes: bytes), text: text)
            finish(op)

        case .moveTo(let peer, let bytes, let op), .moveFrom(let peer, let bytes, let op):
            let outward = if case .moveTo = step { true } else { false }
            guard s.mailboxes[process]?.awaitingOurReply.contains(peer) == true else {
                return fail(op, .notAwaitingReply(process: Int(peer), peer: Int(process)))
            }
            let peerNode = Int(s.table[peer].node)
            guard prepareMove(op, bytes: bytes, from: outward ? node : peerNode, to: outward ? peerNode : node)
            else { return }
            hold(process, on: op, peer: peer)
            // MoveTo ships the data; MoveFrom's request names the range and the peer's kernel answers.
            transmit(Message(kind: outward ? .moveData : .moveRequest, source: node, destination: peerNode,
                             fromProcess: process, toProcess: peer, operation: op, payloadBytes: outward ? bytes : 0))

        case .compute(let duration, let op):
            let done = nodes[node].reserveCPU(work: duration, now: now)
            hold(process, on: op, peer: -1)
            schedule(.ipc(.processResume(process: process, operation: op)), at: done)

        case .file:
            break
        }
    }

    /// False, with the operation failed, for a segment or a text past the V kernel's limits.
    private func checkSize(_ op: Int32, text: String?, segment: Int64) -> Bool {
        let cost = network.config.cost
        guard segment <= cost.maxSegmentBytes else {
            fail(op, .segmentTooLarge(bytes: segment, limit: cost.maxSegmentBytes))
            return false
        }
        if let text, Int64(text.utf8.count) > cost.vMessageBytes {
            fail(op, .messageTooLarge(bytes: Int64(text.utf8.count), limit: cost.vMessageBytes))
            return false
        }
        return true
    }

    /// False, with the operation failed, when even idle links could not move
    /// the bytes before the end of simulated time.
    private func prepareMove(_ op: Int32, bytes: Int64, from source: Int, to destination: Int) -> Bool {
        operations[Int(op)].bytes = bytes
        let penalty = networkPenalty(bytes: bytes, from: source, to: destination)
        guard !(now + penalty).isPastHorizon else {
            fail(op, .endOfTime)
            return false
        }
        operations[Int(op)].penalty = penalty
        return true
    }

    /// The process waits on `op` (and on `peer`, or -1 for anyone). Blocked
    /// already (idle, or its last step just ended), it was blocked until now.
    func hold(_ process: Int32, on op: Int32, peer: Int32, kind: BlockKind = .message) {
        if scheduler.table[process].phase == .blocked {
            scheduler.table[process].blockedTime += now - scheduler.table[process].since
        }
        scheduler.mailboxes[process, default: ProcessMailbox()].current = op
        scheduler.mailboxes[process]?.peer = peer
        block(process, kind, on: kind == .file ? op : -1)
    }

    func takeAwaitingReply(_ sender: Int32, of process: Int32) {
        guard let index = scheduler.mailboxes[process]?.awaitingOurReply.firstIndex(of: sender) else { return }
        scheduler.mailboxes[process]?.awaitingOurReply.remove(at: index)
    }

    /// A booked compute ends.
    func resume(process: Int32, operation: Int32) {
        guard scheduler.mailboxes[process]?.current == operation else { return }
        completeCompute(operation, by: process)
        wakeFromMessage(process)
    }

    private func completeCompute(_ op: Int32, by process: Int32) {
        finish(op)
        record(.computeCompleted(operation: op, process: Int(process), duration: operations[Int(op)].elapsed ?? .zero),
               at: Int(scheduler.table[process].node))
    }
}
