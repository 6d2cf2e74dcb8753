/// What arrives for a process's V IPC, declared or running a program: one
/// path for both. A message names its sending and receiving processes by
/// their ids in the process table; what a completed step does next is the
/// process's own (`wakeFromMessage`). A declared process also traces its
/// exchanges (a program's steps show on the timeline instead).
extension Simulation {
    func deliverIPC(_ message: Message, text: String?) {
        let s = scheduler
        let to = message.toProcess
        let from = message.fromProcess
        switch message.kind {
        case .vSend:
            if s.table[to].kind == .declared, s.table[to].killed {
                // A dead declared process comes back with its node; the sender's retries see to it.
                return
            }
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
            let declared = s.table[to].kind == .declared
            if declared { operations[Int(op)].text = text }
            operations[Int(op)].penalty += networkPenalty(bytes: message.payloadBytes, from: message.source,
                                                          to: message.destination)
            finish(op)
            if declared {
                let done = operations[Int(op)]
                record(.vUnblocked(operation: op, process: Int(to), text: text, elapsed: done.elapsed ?? .zero,
                                   penalty: done.penalty),
                       at: Int(s.table[to].node))
            }
            s.mailboxes[to]?.lastReceived = text
            wakeFromMessage(to)

        case .moveRequest:
            // At the peer's kernel: ship the requested bytes back to the mover.
            transmit(Message(kind: .moveData, source: message.destination, destination: message.source,
                             fromProcess: to, toProcess: from, operation: message.operation,
                             payloadBytes: operations[Int(message.operation)].bytes))

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
                                 fromProcess: to, toProcess: from, operation: op, payloadBytes: 0))
            }

        case .moveAck:
            completeMove(message.operation, mover: to)

        case .rpcRequest, .rpcReply, .callRequest, .callReply, .dsmControl, .dsmPage, .dsmDiff, .pageRequest,
             .pageReply:
            break
        }
    }

    private func completeMove(_ op: Int32, mover: Int32) {
        guard blocked(mover, on: op) else { return }
        finish(op)
        if scheduler.table[mover].kind == .declared {
            let done = operations[Int(op)]
            record(.moveCompleted(operation: op, direction: done.kind == .moveTo ? .moveTo : .moveFrom,
                                  process: Int(mover), peer: done.peer ?? -1, bytes: done.bytes,
                                  elapsed: done.elapsed ?? .zero, penalty: done.penalty, packets: done.packets),
                   at: Int(scheduler.table[mover].node))
        }
        wakeFromMessage(mover)
    }

    /// A send reached a process that has finished: a blocking sender's send fails and it goes on.
    private func receiverGone(_ message: Message) {
        let sender = message.fromProcess
        guard !message.oneWay, blocked(sender, on: message.operation) else { return }
        fail(message.operation, .noSuchProcess(name: scheduler.table.names[Int(message.toProcess)]))
        wakeFromMessage(sender)
    }
}
