/// What a crash or restart, a message the network gave up on, or the end of
/// time does to processes' V IPC, declared or running a program.
extension Simulation {
    /// Messages delivered to the node's processes and not yet received: lost with the node.
    func ipcLostMessages(on node: Int) -> Int {
        scheduler.mailboxes.reduce(0) { total, entry in
            Int(scheduler.table[entry.key].node) == node ? total + entry.value.inbox.count : total
        }
    }

    /// The node's declared processes die with their work and queued steps;
    /// a declared process elsewhere waiting on one of the node's processes
    /// gives up at `giveUp`, when the retransmission budget runs out. (The
    /// node's program processes die with its scheduler: `programIPCCrash`.)
    func ipcCrash(_ node: Int, giveUp: SimTime) {
        let s = scheduler
        for process in s.table.declared where Int(s.table[process].node) == node {
            if let current = s.mailboxes[process]?.current, current >= 0 { fail(current, .nodeDown(node: node)) }
            for step in s.table.stepQueues[process] ?? [] { fail(step.operation, .nodeDown(node: node)) }
            resetDeclared(process)
            // Its accounting stops here, as a killed program's does (Scheduling/ kill).
            switch s.table[process].phase {
            case .blocked: s.table[process].blockedTime += now - s.table[process].since
            case .ready: s.table[process].waitTime += now - s.table[process].since
            case .new, .running, .done: break
            }
            s.table[process].killed = true
            s.table[process].phase = .done
            s.table[process].finish = now
        }
        for process in s.table.declared where Int(s.table[process].node) != node {
            awaitPeerTimeout(process, node: node, giveUp: giveUp)
        }
    }

    /// The node's program processes died (Scheduling/): their messages go
    /// with them. A program's process elsewhere waiting on one of the node's
    /// processes gives up at `giveUp`, as a declared one does.
    func programIPCCrash(_ node: Int, giveUp: SimTime) {
        let s = scheduler
        for process in s.mailboxes.keys.sorted() where s.table[process].kind == .program {
            if Int(s.table[process].node) == node {
                s.mailboxes[process] = nil
            } else {
                awaitPeerTimeout(process, node: node, giveUp: giveUp)
            }
        }
    }

    /// If `process` waits on a peer of the crashed `node` (a reply, or a bulk
    /// move the node was to answer), its step gives up at `giveUp`.
    private func awaitPeerTimeout(_ process: Int32, node: Int, giveUp: SimTime) {
        let s = scheduler
        guard let op = s.mailboxes[process]?.current, let peer = s.mailboxes[process]?.peer, peer >= 0,
              Int(s.table[peer].node) == node, blocked(process, on: op) else { return }
        schedule(.ipc(.peerTimeout(process: process, operation: op)), at: giveUp)
    }

    /// The node's declared processes start afresh.
    func ipcRestart(_ node: Int) {
        let s = scheduler
        for process in s.table.declared where Int(s.table[process].node) == node {
            resetDeclared(process)
            s.table[process].killed = false
            s.table[process].phase = .blocked
            s.table[process].blockKind = .none
            s.table[process].since = now
            s.table[process].finish = .never
        }
    }

    /// Back to a freshly started process: no steps, messages or partners.
    private func resetDeclared(_ process: Int32) {
        scheduler.table.stepQueues[process] = nil
        scheduler.mailboxes[process] = nil
        scheduler.table[process].remaining = .zero
        scheduler.table[process].stepsPending = false
    }

    /// The crashed peer never answered: the waiting process's step fails and it goes on.
    func peerTimedOut(_ process: Int32, operation: Int32) {
        guard blocked(process, on: operation), let peer = scheduler.mailboxes[process]?.peer, peer >= 0 else { return }
        fail(operation, .peerCrashed(node: Int(scheduler.table[peer].node)))
        wakeFromMessage(process)
    }

    /// Every attempt of an IPC message was lost: its operation fails, and the
    /// process blocked on it fails its step and goes on: the sender awaiting a
    /// lost reply, or the process whose send or move the message belonged to.
    func ipcGaveUp(_ message: Message) {
        let attempts = message.attempt + 1
        fail(message.operation, .noAnswer(node: silentNode(of: message), attempts: attempts))
        let s = scheduler
        let waiter: Int32
        if message.kind == .vReply {
            waiter = message.toProcess
            guard waiter >= 0, s.mailboxes[waiter]?.peer == message.fromProcess,
                  let op = s.mailboxes[waiter]?.current, op >= 0, operations[Int(op)].kind == .send else { return }
        } else if blocked(message.fromProcess, on: message.operation) {
            waiter = message.fromProcess
        } else {
            waiter = message.toProcess
        }
        guard let op = s.mailboxes[waiter]?.current, blocked(waiter, on: op) else { return }
        // The waiter heard nothing from the other end of the exchange.
        let node = Int(s.table[waiter].node)
        fail(op, .noAnswer(node: node == message.source ? message.destination : message.source, attempts: attempts))
        wakeFromMessage(waiter)
    }
}

/// IPC events that would come after the end of time (see Simulation+EndOfTime).
/// A declared process blocked on the operation fails it and takes its next
/// queued steps (which fail in turn); a program's process waits past the end.
extension Simulation {
    func neverHappens(_ e: IPCEvent) {
        switch e {
        case .processResume(let process, let operation), .peerTimeout(let process, let operation):
            failStep(operation, of: process)
        }
    }

    /// A message that would arrive after the end of time: the operation it
    /// carries fails, and a declared process blocked on it goes on.
    func ipcAbandoned(_ message: Message) {
        let s = scheduler
        switch message.kind {
        case .vReply where operations[Int(message.operation)].status == .running:
            // The reply fails; its sender stays blocked: no reply comes in time.
            fail(message.operation, .endOfTime)
        case .vReply:
            // A reply retransmitted after it was sent: the sender waits past the end.
            let sender = message.toProcess
            guard sender >= 0, s.table[sender].kind == .declared, s.mailboxes[sender]?.peer == message.fromProcess,
                  let waiting = s.mailboxes[sender]?.current, blocked(sender, on: waiting),
                  operations[Int(waiting)].kind == .send else { return }
            failStep(waiting, of: sender)
        default:
            let op = message.operation
            let owner = blocked(message.fromProcess, on: op) ? message.fromProcess : message.toProcess
            failStep(op, of: owner)
        }
    }

    /// Fails a process's operation and, if a declared process was blocked on it, lets it take its next step.
    private func failStep(_ operation: Int32, of process: Int32) {
        fail(operation, .endOfTime)
        guard process >= 0, scheduler.table[process].kind == .declared,
              scheduler.mailboxes[process]?.current == operation else { return }
        wakeFromMessage(process)
    }
}
