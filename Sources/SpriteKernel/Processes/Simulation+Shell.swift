import DequeModule

/// Each node's implicit shell process: it runs the node's file steps. A file
/// step issued on a node (by `on NODE { }`, a declared process's `on PROCESS`,
/// or a program's file step) waits in the shell's queue; the node's client
/// takes them one at a time, in the order they were issued, and the end of
/// one starts the next. The shell is made at the node's first file step, is
/// not listed (`show processes`, names, metrics) and adds no events.
extension Simulation {
    /// The node's shell, made on first use.
    func shell(of node: Int) -> Int32 {
        let s = scheduler
        while s.table.shellOf.count <= node { s.table.shellOf.append(-1) }
        if s.table.shellOf[node] >= 0 { return s.table.shellOf[node] }
        let id = Int32(s.table.count)
        var process = SimProcess(node: Int32(node), program: -1, arrival: now, priority: 0, tickets: 100,
                                 expectedBurst: .zero, group: id)
        process.kind = .shell
        process.root = id
        process.phase = .blocked
        _ = s.table.add(process, name: nodes[node].spec.name, depth: 0, listed: false)
        s.table.shellOf[node] = id
        s.table.shellCount += 1
        return id
    }

    /// A file step joins its node's shell queue; the shell starts it if it is idle.
    func queueFileStep(_ step: FileStep, node: Int) {
        let shell = shell(of: node)
        scheduler.table.shellSteps[shell, default: Deque()].append(step)
        runShell(shell, node: node)
    }

    /// Starts the shell's next steps while none is in progress. Steps that end
    /// at once (failures) loop here rather than nest, so a long run of them
    /// cannot exhaust the stack.
    private func runShell(_ shell: Int32, node: Int) {
        let s = scheduler
        guard s.table.stepping.insert(shell).inserted else { return }
        defer { s.table.stepping.remove(shell) }
        while s.table.shellCurrent[shell] == nil, let step = s.table.shellSteps[shell]?.popFirst() {
            s.table.shellCurrent[shell] = step.operation
            startFileStep(step, node: node)
        }
    }

    /// The node's step `op` is over (done or failed): true if it was the one in
    /// progress (a step can fail more than once, as a sync fails for each dirty
    /// file; only its first end counts). The next step starts in `shellGoesOn`.
    func shellStepEnded(_ node: Int, _ op: Int32) -> Bool {
        let s = scheduler
        guard node < s.table.shellOf.count, s.table.shellOf[node] >= 0 else { return false }
        let shell = s.table.shellOf[node]
        guard s.table.shellCurrent[shell] == op else { return false }
        s.table.shellCurrent[shell] = nil
        return true
    }

    /// The shell takes its next step.
    func shellGoesOn(_ node: Int) {
        guard node < scheduler.table.shellOf.count, scheduler.table.shellOf[node] >= 0 else { return }
        runShell(scheduler.table.shellOf[node], node: node)
    }

    /// The steps waiting in the node's shell queue.
    func queuedFileSteps(_ node: Int) -> Deque<FileStep> {
        guard node < scheduler.table.shellOf.count, scheduler.table.shellOf[node] >= 0 else { return [] }
        return scheduler.table.shellSteps[scheduler.table.shellOf[node]] ?? []
    }

    /// The node crashed: its shell starts afresh, with nothing queued or in progress.
    func resetShell(_ node: Int) {
        guard node < scheduler.table.shellOf.count, scheduler.table.shellOf[node] >= 0 else { return }
        let shell = scheduler.table.shellOf[node]
        scheduler.table.shellSteps[shell] = nil
        scheduler.table.shellCurrent[shell] = nil
    }
}
