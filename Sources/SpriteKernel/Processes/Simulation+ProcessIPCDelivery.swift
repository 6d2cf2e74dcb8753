/// What arrives for scheduled processes' V IPC (routed here by IPC/ for a
/// message marked `scheduled`), and what a crash, a lost message or the end
/// of time does to it.
extension Simulation {
    func deliverScheduledIPC(_ message: Message, text: String?) {
        let s = scheduler
        let to = message.toProcess
        let from = message.fromProcess
        switch message.kind {
        case .vSend:
            guard s.table[to].phase != .done else { return receiverGone(message) }
            let entry = MailboxEntry(sender: from, text: text, bytes: message.payloadBytes,
                                     expectsReply: !message.oneWay)
            if let op = s.mailboxes[to]?.current, blocked(to, on: op), operations[Int(op)].kind == .receive {
                completeReceive(op, by: to, entry: entry)
                wakeFromMessage(to)
            } else {
                s.mailboxes[to, default: ProcessMailbox()].inbox.append(entry)
            }

        case .vReply:
            guard let op = s.mailboxes[to]?.current, blocked(to, on: op), s.mailboxes[to]?.peer == from,
                  operations[Int(op)].kind == .send else { return }
            operations[Int(op)].penalty += networkPenalty(bytes: message.payloadBytes, from: message.source,
                                                          to: message.destination)
            finish(op)
            s.mailboxes[to]?.lastReceived = text
            wakeFromMessage(to)

        case .moveRequest:
            // At the peer's kernel: ship the requested bytes back to the mover.
            transmit(Message(kind: .moveData, source: message.destination, destination: message.source,
                             fromProcess: to, toProcess: from, operation: message.operation,
                             payloadBytes: operations[Int(message.operation)].bytes, scheduled: true))

        case .moveData:
            let op = message.operation
            if operations[Int(op)].kind == .moveFrom {
                completeMove(op, mover: to)
            } else if message.isLocal {
                // A local MoveTo is a kernel copy: nothing to acknowledge.
                completeMove(op, mover: from)
            } else {
                transmit(Message(kind: .moveAck, source: message.destination, destination: message.source,
                                 fromProcess: to, toProcess: from, operation: op, payloadBytes: 0, scheduled: true))
            }

        case .moveAck:
            completeMove(message.operation, mover: to)

        case .rpcRequest, .rpcReply, .callRequest, .callReply:
            break
        }
    }

    private func completeMove(_ op: Int32, mover: Int32) {
        guard blocked(mover, on: op) else { return }
        finish(op)
        wakeFromMessage(mover)
    }

    /// A send reached a process that has finished: a blocking sender's send fails and it goes on.
    private func receiverGone(_ message: Message) {
        let sender = message.fromProcess
        guard !message.oneWay, blocked(sender, on: message.operation) else { return }
        fail(message.operation, .noSuchProcess(name: scheduler.table.names[Int(message.toProcess)]))
        wakeFromMessage(sender)
    }

    /// Every attempt of a message was lost: its operation fails, and the
    /// process blocked on it (the sender awaiting a lost reply, or the owner
    /// of the send or move) fails its step and goes on.
    func scheduledIPCGaveUp(_ message: Message) {
        let failure = OperationFailure.noAnswer(node: silentNode(of: message), attempts: message.attempt + 1)
        fail(message.operation, failure)
        let s = scheduler
        let waiter: Int32
        if message.kind == .vReply {
            waiter = message.toProcess
            guard s.mailboxes[waiter]?.peer == message.fromProcess else { return }
        } else if blocked(message.fromProcess, on: message.operation) {
            waiter = message.fromProcess
        } else {
            waiter = message.toProcess
        }
        guard let op = s.mailboxes[waiter]?.current, blocked(waiter, on: op) else { return }
        fail(op, failure)
        wakeFromMessage(waiter)
    }

    /// A message that would arrive after the end of time: its operation
    /// fails; the process waiting on it waits past the end.
    func scheduledIPCAbandoned(_ message: Message) {
        fail(message.operation, .endOfTime)
    }

    /// The node's processes died (Scheduling/): their messages go with them.
    /// A process elsewhere waiting on one of them gives up at `giveUp`, when
    /// the retransmission budget runs out, as a V process does.
    func scheduledIPCCrash(_ node: Int, giveUp: SimTime) {
        let s = scheduler
        for process in s.mailboxes.keys.sorted() {
            if Int(s.table[process].node) == node {
                s.mailboxes[process] = nil
                continue
            }
            guard let op = s.mailboxes[process]?.current, let peer = s.mailboxes[process]?.peer, peer >= 0,
                  Int(s.table[peer].node) == node, blocked(process, on: op) else { continue }
            schedule(.ipc(.scheduledPeerTimeout(process: process, operation: op)), at: giveUp)
        }
    }

    /// The crashed peer never answered: the waiting process's step fails and it goes on.
    func scheduledPeerTimedOut(_ process: Int32, operation: Int32) {
        guard blocked(process, on: operation), let peer = scheduler.mailboxes[process]?.peer, peer >= 0 else { return }
        fail(operation, .peerCrashed(node: Int(scheduler.table[peer].node)))
        wakeFromMessage(process)
    }

    /// Messages delivered to the node's scheduled processes and not yet received.
    func scheduledLostMessages(on node: Int) -> Int {
        scheduler.mailboxes.reduce(0) { total, entry in
            Int(scheduler.table[entry.key].node) == node ? total + entry.value.inbox.count : total
        }
    }
}
