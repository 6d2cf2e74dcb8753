import DequeModule

/// Who issues a node's file steps, and in what order. Each process has its
/// own outstanding system call: a step issued by a process (a program's file
/// step, or a declared process's `on PROCESS { }`) waits only behind that
/// process's own earlier steps, so two processes on one node have operations
/// in flight at once, sharing the node's cache, sessions table and server
/// calls. The node's own steps (`on NODE { }`, resolve, mount) are issued by
/// its implicit shell process and keep their order: the shell starts one,
/// and the end of one starts the next. The shell is made at the node's first
/// file step, is not listed (`show processes`, names, metrics) and adds no events.
extension Simulation {
    /// The node's shell, made on first use.
    func shell(of node: Int) -> Int32 {
        let s = scheduler
        while s.table.shellOf.count <= node { s.table.shellOf.append(-1) }
        if s.table.shellOf[node] >= 0 { return s.table.shellOf[node] }
        let id = s.table.nextID
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

    /// The process that issues a step: its owner, else the node's shell.
    private func issuer(of process: Int?, node: Int) -> Int32 {
        if let process, process >= 0 { return Int32(process) }
        return shell(of: node)
    }

    /// A file step joins its issuer's queue; the issuer starts it if it has none in progress.
    func queueFileStep(_ step: FileStep, node: Int) {
        // The shell is made at the node's first file step, whoever issues it, so ids do not depend on who did.
        let shell = shell(of: node)
        let process = operations[Int(step.operation)].process
        let issuer = process.map { $0 >= 0 ? Int32($0) : shell } ?? shell
        // A declared process takes it in turn with its IPC and compute steps (Simulation+ProcessFiles).
        if scheduler.table[issuer].kind == .declared { return enqueue(.file(step), on: Int(issuer)) }
        issueFileStep(step, by: issuer, node: node)
    }

    /// The issuer asks the node's client for the step now, or after its step in progress.
    func issueFileStep(_ step: FileStep, by issuer: Int32, node: Int) {
        scheduler.table.fileQueues[issuer, default: Deque()].append(step)
        runFileSteps(of: issuer, node: node)
    }

    /// Starts the issuer's next steps while none is in progress. Steps that end
    /// at once (failures) loop here rather than nest, so a long run of them
    /// cannot exhaust the stack.
    private func runFileSteps(of issuer: Int32, node: Int) {
        let s = scheduler
        guard s.table.fileStepping.insert(issuer).inserted else { return }
        defer { s.table.fileStepping.remove(issuer) }
        while s.table.fileInProgress[issuer] == nil, let step = s.table.fileQueues[issuer]?.popFirst() {
            s.table.fileInProgress[issuer] = step.operation
            startFileStep(step, node: node)
        }
    }

    /// The node's step `op` is over (done or failed): true if it was its
    /// issuer's step in progress (a step can fail more than once, as a sync
    /// fails for each dirty file; only its first end counts). The issuer's
    /// next step starts in `issuerGoesOn`.
    func issuerStepEnded(_ node: Int, _ op: Int32) -> Bool {
        let s = scheduler
        guard node < s.table.shellOf.count, s.table.shellOf[node] >= 0 else { return false }
        let issuer = issuer(of: operations[Int(op)].process, node: node)
        guard s.table.fileInProgress[issuer] == op else { return false }
        s.table.fileInProgress[issuer] = nil
        return true
    }

    /// The issuer of the step `op`, which just ended, takes its next step.
    func issuerGoesOn(_ node: Int, after op: Int32) {
        guard node < scheduler.table.shellOf.count, scheduler.table.shellOf[node] >= 0 else { return }
        runFileSteps(of: issuer(of: operations[Int(op)].process, node: node), node: node)
    }

    /// The steps waiting on the node, the shell's first, then each process's in the order processes were made.
    func queuedFileSteps(_ node: Int) -> [FileStep] {
        issuers(on: node).flatMap { scheduler.table.fileQueues[$0].map(Array.init) ?? [] }
    }

    /// The steps in progress on the node, one at most per issuer, in the order they were issued.
    func fileStepsInProgress(_ node: Int) -> [Int32] {
        issuers(on: node).compactMap { scheduler.table.fileInProgress[$0] }.sorted()
    }

    /// The processes with file steps queued or in progress on the node, in id order.
    private func issuers(on node: Int) -> [Int32] {
        let s = scheduler
        let ids = Set(s.table.fileQueues.keys).union(s.table.fileInProgress.keys)
        return ids.filter { Int(s.table[$0].node) == node }.sorted()
    }

    /// The node crashed: its issuers start afresh, with nothing queued or in progress.
    func resetFileIssuers(_ node: Int) {
        for issuer in issuers(on: node) {
            scheduler.table.fileQueues[issuer] = nil
            scheduler.table.fileInProgress[issuer] = nil
        }
    }
}
