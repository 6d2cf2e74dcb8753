/// V kernel IPC: synchronous Send/Receive/Reply with fixed-size messages,
/// segments piggybacked on Send and Reply for medium data, and MoveTo /
/// MoveFrom for bulk data, acknowledged once per transfer.
extension Simulation {
    @discardableResult
    public func addProcess(named name: String, on node: Int) throws(KernelError) -> Int {
        guard processIndex[name] == nil else { throw .duplicateProcess(name) }
        guard nodes.indices.contains(node) else { throw .unknownNode(String(node)) }
        let index = processes.count
        processes.append(VProcess(name: name, node: node))
        if !nodes[node].isUp { processes[index].state = .dead }
        processIndex[name] = index
        return index
    }

    public func process(named name: String) -> Int? { processIndex[name] }
    public var processCount: Int { processes.count }
    public func processName(_ process: Int) -> String {
        processes.indices.contains(process) ? processes[process].name : "?"
    }
    public func processInfo(_ process: Int) -> ProcessInfo {
        let p = processes[process]
        return ProcessInfo(name: p.name, node: p.node, state: p.state, queuedSteps: p.steps.count,
                           inboxCount: p.inbox.count, lastReceived: p.lastReceived)
    }

    // MARK: Issuing steps

    /// Send: `process` transmits a fixed-size message (plus an optional
    /// segment) to `peer` and blocks until `peer` replies.
    public func send(from process: Int, to peer: Int, text: String?, segmentBytes: Int64 = 0) -> Int32 {
        let op = newOperation(.send, node: processes[process].node, process: process, peer: peer)
        enqueue(.send(to: peer, text: text, segmentBytes: segmentBytes, operation: op), on: process)
        return op
    }

    /// Receive: takes the oldest delivered message, or blocks until one arrives.
    public func receive(by process: Int) -> Int32 {
        let op = newOperation(.receive, node: processes[process].node, process: process)
        enqueue(.receive(operation: op), on: process)
        return op
    }

    /// Reply: unblocks `peer`, which must be awaiting our reply. Does not block.
    public func reply(from process: Int, to peer: Int, text: String?, segmentBytes: Int64 = 0) -> Int32 {
        let op = newOperation(.reply, node: processes[process].node, process: process, peer: peer)
        enqueue(.reply(to: peer, text: text, segmentBytes: segmentBytes, operation: op), on: process)
        return op
    }

    /// MoveTo: copies `bytes` into the address space of `peer`, which must be
    /// blocked awaiting our reply; blocks until the transfer is acknowledged.
    public func moveTo(from process: Int, to peer: Int, bytes: Int64) -> Int32 {
        let op = newOperation(.moveTo, node: processes[process].node, process: process, peer: peer)
        enqueue(.moveTo(peer: peer, bytes: bytes, operation: op), on: process)
        return op
    }

    /// MoveFrom: copies `bytes` out of the address space of `peer`, which must
    /// be blocked awaiting our reply; blocks until the data has arrived.
    public func moveFrom(by process: Int, from peer: Int, bytes: Int64) -> Int32 {
        let op = newOperation(.moveFrom, node: processes[process].node, process: process, peer: peer)
        enqueue(.moveFrom(peer: peer, bytes: bytes, operation: op), on: process)
        return op
    }

    /// Compute: occupies one of the node's CPUs for `duration` (scaled by speed).
    public func compute(by process: Int, duration: SimTime) -> Int32 {
        let op = newOperation(.compute, node: processes[process].node, process: process)
        enqueue(.compute(duration: duration, operation: op), on: process)
        return op
    }

    private func enqueue(_ step: ProcessStep, on process: Int) {
        if processes[process].state == .dead {
            fail(step.operation, .nodeDown(node: processes[process].node))
            return
        }
        processes[process].steps.append(step)
        advance(process: process)
    }

    // MARK: Running steps

    /// Runs the process's queued steps until one blocks or none remain.
    /// A step that completes at once (a receive with a message waiting) wakes
    /// the process again from inside this loop; the loop, not a nested call,
    /// takes the next step, so a long run of such steps cannot exhaust the stack.
    func advance(process: Int) {
        guard !advancing.contains(process) else { return }
        advancing.insert(process)
        defer { advancing.remove(process) }
        while processes[process].state == .ready, let step = processes[process].steps.popFirst() {
            perform(step, by: process)
        }
    }

    private func perform(_ step: ProcessStep, by process: Int) {
        let node = processes[process].node
        let cost = network.config.cost
        start(step.operation)
        switch step {
        case .send(let peer, let text, let segment, let op):
            guard segment <= cost.maxSegmentBytes else {
                return fail(op, .segmentTooLarge(bytes: segment, limit: cost.maxSegmentBytes))
            }
            if let text, Int64(text.utf8.count) > cost.vMessageBytes {
                return fail(op, .messageTooLarge(bytes: Int64(text.utf8.count), limit: cost.vMessageBytes))
            }
            let bytes = cost.vMessageBytes + segment
            operations[Int(op)].bytes = bytes
            operations[Int(op)].penalty = networkPenalty(bytes: bytes, from: node, to: processes[peer].node)
            block(process, .awaitingReply(peer: peer), on: op)
            record(.vSent(operation: op, from: process, to: peer, text: text, bytes: bytes), at: node)
            transmit(Message(kind: .vSend, source: node, destination: processes[peer].node,
                             fromProcess: Int32(process), toProcess: Int32(peer), operation: op,
                             payloadBytes: bytes), text: text)

        case .receive(let op):
            if let entry = processes[process].inbox.popFirst() {
                completeReceive(op, by: process, entry: entry)
            } else {
                block(process, .receiving, on: op)
            }

        case .reply(let peer, let text, let segment, let op):
            guard processes[process].awaitingOurReply.contains(peer) else {
                return fail(op, .notAwaitingReply(process: peer, peer: process))
            }
            // A refused reply sends nothing, so the peer must stay ours to reply to.
            guard segment <= cost.maxSegmentBytes else {
                return fail(op, .segmentTooLarge(bytes: segment, limit: cost.maxSegmentBytes))
            }
            if let text, Int64(text.utf8.count) > cost.vMessageBytes {
                return fail(op, .messageTooLarge(bytes: Int64(text.utf8.count), limit: cost.vMessageBytes))
            }
            _ = takeAwaitingReply(peer, of: process)
            let bytes = cost.vMessageBytes + segment
            operations[Int(op)].bytes = bytes
            operations[Int(op)].text = text
            record(.vReplied(operation: op, process: process, to: peer, text: text, bytes: bytes), at: node)
            transmit(Message(kind: .vReply, source: node, destination: processes[peer].node,
                             fromProcess: Int32(process), toProcess: Int32(peer), operation: op,
                             payloadBytes: bytes), text: text)
            finish(op)

        case .moveTo(let peer, let bytes, let op):
            guard processes[process].awaitingOurReply.contains(peer) else {
                return fail(op, .notAwaitingReply(process: peer, peer: process))
            }
            guard prepareMove(op, bytes: bytes, from: node, to: processes[peer].node) else { return }
            block(process, .busy, on: op)
            transmit(Message(kind: .moveData, source: node, destination: processes[peer].node,
                             fromProcess: Int32(process), toProcess: Int32(peer), operation: op,
                             payloadBytes: bytes))

        case .moveFrom(let peer, let bytes, let op):
            guard processes[process].awaitingOurReply.contains(peer) else {
                return fail(op, .notAwaitingReply(process: peer, peer: process))
            }
            guard prepareMove(op, bytes: bytes, from: processes[peer].node, to: node) else { return }
            block(process, .busy, on: op)
            // The request names the range; the peer's kernel answers with the data.
            transmit(Message(kind: .moveRequest, source: node, destination: processes[peer].node,
                             fromProcess: Int32(process), toProcess: Int32(peer), operation: op,
                             payloadBytes: 0))

        case .compute(let duration, let op):
            let done = nodes[node].reserveCPU(work: duration, now: now)
            block(process, .busy, on: op)
            schedule(.ipc(.processResume(process: Int32(process), operation: op)), at: done)
        }
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

    private func block(_ process: Int, _ state: ProcessState, on op: Int32) {
        processes[process].state = state
        processes[process].current = op
        processes[process].blockedSince = now
    }

    private func takeAwaitingReply(_ sender: Int, of process: Int) -> Bool {
        guard let index = processes[process].awaitingOurReply.firstIndex(of: sender) else { return false }
        processes[process].awaitingOurReply.remove(at: index)
        return true
    }

    private func completeReceive(_ op: Int32, by process: Int, entry: InboxEntry) {
        let waited = now - processes[process].blockedSince
        processes[process].awaitingOurReply.append(entry.sender)
        processes[process].lastReceived = entry.text
        operations[Int(op)].text = entry.text
        operations[Int(op)].bytes = entry.bytes
        operations[Int(op)].peer = entry.sender
        record(.vReceived(operation: op, process: process, from: entry.sender, text: entry.text,
                          bytes: entry.bytes, waited: processes[process].state == .receiving ? waited : .zero),
               at: processes[process].node)
        finish(op)
        wake(process)
    }

    private func wake(_ process: Int) {
        processes[process].state = .ready
        processes[process].current = nil
        advance(process: process)
    }

    // MARK: Arrivals

    func deliverIPC(_ message: Message, text: String?) {
        if message.scheduled { return deliverScheduledIPC(message, text: text) }
        let to = Int(message.toProcess)
        let from = Int(message.fromProcess)
        switch message.kind {
        case .vSend:
            guard processes[to].state != .dead else { return }
            let entry = InboxEntry(sender: from, text: text, bytes: message.payloadBytes, arrivedAt: now)
            if processes[to].state == .receiving, let op = processes[to].current {
                completeReceive(op, by: to, entry: entry)
            } else {
                processes[to].inbox.append(entry)
            }

        case .vReply:
            guard case .awaitingReply = processes[to].state, let op = processes[to].current else { return }
            operations[Int(op)].text = text
            operations[Int(op)].penalty += networkPenalty(bytes: message.payloadBytes, from: message.source,
                                                          to: message.destination)
            finish(op)
            let record = operations[Int(op)]
            self.record(.vUnblocked(operation: op, process: to, text: text,
                                    elapsed: record.elapsed ?? .zero, penalty: record.penalty),
                        at: processes[to].node)
            processes[to].lastReceived = text
            wake(to)

        case .moveRequest:
            // At the peer's kernel: ship the requested bytes back to the mover.
            let bytes = operations[Int(message.operation)].bytes
            transmit(Message(kind: .moveData, source: message.destination, destination: message.source,
                             fromProcess: message.toProcess, toProcess: message.fromProcess,
                             operation: message.operation, payloadBytes: bytes))

        case .moveData:
            let op = message.operation
            if operations[Int(op)].kind == .moveFrom {
                completeMove(op, mover: to)
            } else if message.isLocal {
                // A local MoveTo is a kernel copy: nothing to acknowledge.
                completeMove(op, mover: from)
            } else {
                // One acknowledgement for the whole transfer.
                transmit(Message(kind: .moveAck, source: message.destination, destination: message.source,
                                 fromProcess: message.toProcess, toProcess: message.fromProcess,
                                 operation: op, payloadBytes: 0))
            }

        case .moveAck:
            completeMove(message.operation, mover: to)

        case .rpcRequest, .rpcReply, .callRequest, .callReply:
            break
        }
    }

    private func completeMove(_ op: Int32, mover: Int) {
        guard processes[mover].current == op else { return }
        finish(op)
        let record = operations[Int(op)]
        self.record(.moveCompleted(operation: op, direction: record.kind == .moveTo ? .moveTo : .moveFrom,
                                   process: mover, peer: record.peer ?? -1, bytes: record.bytes,
                                   elapsed: record.elapsed ?? .zero, penalty: record.penalty,
                                   packets: record.packets),
                    at: processes[mover].node)
        wake(mover)
    }

    func resume(process: Int, operation: Int32) {
        guard processes[process].current == operation else { return }
        finish(operation)
        let record = operations[Int(operation)]
        self.record(.computeCompleted(operation: operation, process: process, duration: record.elapsed ?? .zero),
                    at: processes[process].node)
        wake(process)
    }
}
