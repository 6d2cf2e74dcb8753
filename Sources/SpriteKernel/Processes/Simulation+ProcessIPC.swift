/// V IPC steps of programs: Send (blocking, or non-blocking: the message is
/// copied out and the sender goes on), Receive, Reply, MoveTo and MoveFrom,
/// with the V kernel's messages and costs (Network/). A process waiting for a
/// message, a reply or a transfer is blocked(message) and leaves its CPU; the
/// arrival (Simulation+IPCDelivery, shared with declared processes) wakes it
/// through the scheduler.
extension Simulation {
    /// Returns whether the sender blocked (a blocking send that went out).
    func sendStep(_ process: Int32, peer name: Int32, text handle: Int32, wait: Bool) -> Bool {
        let s = scheduler
        let node = Int(s.table[process].node)
        let op = ipcOperation(.send, by: process, peer: name)
        guard let peer = livePeer(name, for: op) else { return false }
        let text = handle >= 0 ? s.syncNames[Int(handle)] : nil
        let cost = network.config.cost
        if let text, Int64(text.utf8.count) > cost.vMessageBytes {
            fail(op, .messageTooLarge(bytes: Int64(text.utf8.count), limit: cost.vMessageBytes))
            return false
        }
        let bytes = cost.vMessageBytes
        let destination = Int(s.table[peer].node)
        operations[Int(op)].bytes = bytes
        operations[Int(op)].text = text
        operations[Int(op)].penalty = networkPenalty(bytes: bytes, from: node, to: destination)
        transmit(Message(kind: .vSend, source: node, destination: destination, fromProcess: process,
                         toProcess: peer, operation: op, payloadBytes: bytes, oneWay: !wait),
                 text: text)
        // Non-blocking: the kernel has the message; the sender's step is over.
        guard wait else {
            finish(op)
            return false
        }
        blockOnMessage(process, op, peer: peer)
        return true
    }

    /// Returns whether the receiver blocked (no message was waiting).
    func receiveStep(_ process: Int32) -> Bool {
        let s = scheduler
        let op = ipcOperation(.receive, by: process, peer: -1)
        if let entry = s.mailboxes[process]?.inbox.popFirst() {
            completeReceive(op, by: process, entry: entry)
            return false
        }
        blockOnMessage(process, op, peer: -1)
        return true
    }

    /// Reply never blocks; it fails unless the peer awaits our reply.
    func replyStep(_ process: Int32, peer name: Int32, text handle: Int32) {
        let s = scheduler
        let node = Int(s.table[process].node)
        let op = ipcOperation(.reply, by: process, peer: name)
        guard let peer = awaitingPeer(name, of: process, for: op) else { return }
        let text = handle >= 0 ? s.syncNames[Int(handle)] : nil
        let cost = network.config.cost
        if let text, Int64(text.utf8.count) > cost.vMessageBytes {
            return fail(op, .messageTooLarge(bytes: Int64(text.utf8.count), limit: cost.vMessageBytes))
        }
        if let index = s.mailboxes[process]?.awaitingOurReply.firstIndex(of: peer) {
            s.mailboxes[process]?.awaitingOurReply.remove(at: index)
        }
        let bytes = cost.vMessageBytes
        operations[Int(op)].bytes = bytes
        operations[Int(op)].text = text
        transmit(Message(kind: .vReply, source: node, destination: Int(s.table[peer].node), fromProcess: process,
                         toProcess: peer, operation: op, payloadBytes: bytes),
                 text: text)
        finish(op)
    }

    /// MoveTo (`outward`) or MoveFrom; returns whether the mover blocked.
    func moveStep(_ process: Int32, peer name: Int32, bytes: Int64, outward: Bool) -> Bool {
        let s = scheduler
        let node = Int(s.table[process].node)
        let op = ipcOperation(outward ? .moveTo : .moveFrom, by: process, peer: name)
        guard let peer = awaitingPeer(name, of: process, for: op) else { return false }
        let peerNode = Int(s.table[peer].node)
        operations[Int(op)].bytes = bytes
        let penalty = outward ? networkPenalty(bytes: bytes, from: node, to: peerNode)
            : networkPenalty(bytes: bytes, from: peerNode, to: node)
        guard !(now + penalty).isPastHorizon else {
            fail(op, .endOfTime)
            return false
        }
        operations[Int(op)].penalty = penalty
        blockOnMessage(process, op, peer: peer)
        // MoveTo ships the data; MoveFrom's request names the range and the peer's kernel answers.
        transmit(Message(kind: outward ? .moveData : .moveRequest, source: node, destination: peerNode,
                         fromProcess: process, toProcess: peer, operation: op,
                         payloadBytes: outward ? bytes : 0))
        return true
    }

    /// A started operation of the process's, naming it and its peer (an interned name, or -1).
    private func ipcOperation(_ kind: OperationKind, by process: Int32, peer: Int32) -> Int32 {
        let s = scheduler
        let op = newOperation(kind, node: Int(s.table[process].node))
        operations[Int(op)].scheduledProcess = s.table.names[Int(process)]
        if peer >= 0 { operations[Int(op)].scheduledPeer = s.syncNames[Int(peer)] }
        start(op)
        return op
    }

    /// The process called `name` if it has not finished, else the operation fails.
    private func livePeer(_ name: Int32, for op: Int32) -> Int32? {
        let s = scheduler
        let peerName = s.syncNames[Int(name)]
        guard let peer = s.table.index[peerName], s.table[peer].phase != .done else {
            fail(op, .noSuchProcess(name: peerName))
            return nil
        }
        return peer
    }

    /// The process called `name` if it is blocked awaiting our reply, else the operation fails.
    private func awaitingPeer(_ name: Int32, of process: Int32, for op: Int32) -> Int32? {
        let s = scheduler
        let peerName = s.syncNames[Int(name)]
        guard let peer = s.table.index[peerName] else {
            fail(op, .noSuchProcess(name: peerName))
            return nil
        }
        guard s.mailboxes[process]?.awaitingOurReply.contains(peer) == true else {
            fail(op, .peerNotAwaitingReply(process: peerName, peer: s.table.names[Int(process)]))
            return nil
        }
        return peer
    }

    private func blockOnMessage(_ process: Int32, _ op: Int32, peer: Int32) {
        scheduler.mailboxes[process, default: ProcessMailbox()].current = op
        scheduler.mailboxes[process]?.peer = peer
        block(process, .message, on: -1)
    }

    /// A receive takes `entry`: the process now owes its sender a reply (unless
    /// the send was non-blocking). A declared process traces it, with the time
    /// it waited when the message found it blocked in the receive.
    func completeReceive(_ op: Int32, by process: Int32, entry: MailboxEntry) {
        let s = scheduler
        let waited = s.mailboxes[process]?.current == op ? now - s.table[process].since : .zero
        if entry.expectsReply { s.mailboxes[process, default: ProcessMailbox()].awaitingOurReply.append(entry.sender) }
        s.mailboxes[process, default: ProcessMailbox()].lastReceived = entry.text
        operations[Int(op)].text = entry.text
        operations[Int(op)].bytes = entry.bytes
        if s.table[process].kind == .declared {
            operations[Int(op)].peer = Int(entry.sender)
            record(.vReceived(operation: op, process: Int(process), from: Int(entry.sender), text: entry.text,
                              bytes: entry.bytes, waited: waited),
                   at: Int(s.table[process].node))
        } else {
            operations[Int(op)].scheduledPeer = s.table.names[Int(entry.sender)]
        }
        finish(op)
    }

    /// The operation the process was blocked on is over: a program's process
    /// goes on through the scheduler, a declared one takes its next queued steps.
    func wakeFromMessage(_ process: Int32) {
        scheduler.mailboxes[process]?.current = -1
        scheduler.mailboxes[process]?.peer = -1
        if scheduler.table[process].kind == .declared {
            runSteps(process, onCPU: false)
        } else {
            processWoke(process)
        }
    }

    /// Whether `process` is blocked on `op`.
    func blocked(_ process: Int32, on op: Int32) -> Bool {
        let s = scheduler
        return op >= 0 && s.table[process].phase == .blocked && s.mailboxes[process]?.current == op
    }
}
