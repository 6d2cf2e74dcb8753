/// A process's file steps: the process asks its node's client for the
/// operation, as `on NODE { }` does, and is blocked(file) until it ends. The
/// operation is the process's (`OperationRecord.process`), so the sessions it
/// opens, its transactions' reads and the file history are judged per process;
/// the cache stays its node's, shared with the node's other processes.
extension Simulation {
    /// Returns whether the process blocked (the operation did not end at once).
    func fileStep(_ process: Int32, request handle: Int32) -> Bool {
        let node = Int(scheduler.table[process].node)
        let op = issueFile(scheduler.table.fileRequests[Int(handle)], on: node, process: Int(process))
        switch operations[Int(op)].status {
        case .done, .failed: return false
        case .queued, .running:
            block(process, .file, on: op)
            return true
        }
    }

    /// A process that ends closes what it still has open, as UNIX's exit does: otherwise its
    /// server would go on seeing a reader or writer (and disable caching for write-sharing). The
    /// closes are the process's own steps, one after another; nothing is left to wake when they end.
    func closeFilesLeftOpen(by process: Int32) {
        let node = Int(scheduler.table[process].node)
        guard nodes[node].isUp else { return }
        for _ in 0..<openFileCount(on: node, owner: Int(process)) {
            issueFile(.close(path: nil), on: node, process: Int(process))
        }
    }

    /// A declared process takes its `on PROCESS { }` file step from its step
    /// queue, after its earlier IPC, compute and file steps (under a declared
    /// scheduler, on a CPU), and is blocked(file) until the operation ends.
    func performFileStep(_ step: FileStep, by process: Int32) {
        issueFileStep(step, by: process, node: Int(scheduler.table[process].node))
        switch operations[Int(step.operation)].status {
        case .done, .failed: break
        case .queued, .running: hold(process, on: step.operation, peer: -1, kind: .file)
        }
    }

    /// A fork: the child shares the files its parent has open on their node, as a UNIX child does.
    func shareOpenFiles(of parent: Int32, with child: Int32) {
        let node = Int(scheduler.table[parent].node)
        guard scheduler.table[child].node == scheduler.table[parent].node,
              fileClients.index(forKey: node) != nil else { return }
        withClient(node) { $0.share(sessionsOf: Int(parent), with: Int(child)) }
    }

    /// The node's client ended the step `op` (done or failed): the program's
    /// process blocked on it goes on through its scheduler; a declared one
    /// takes its next queued steps.
    func fileStepEnded(_ op: Int32) {
        guard let owner = operations[Int(op)].process, owner >= 0, owner < scheduler.table.count else { return }
        let process = Int32(owner)
        let s = scheduler
        // A crash kills the node's processes after failing their steps: nothing to wake there.
        guard nodes[Int(s.table[process].node)].isUp, s.table[process].phase == .blocked,
              s.table[process].blockKind == .file, s.table[process].blockedOn == op else { return }
        switch s.table[process].kind {
        case .program: processWoke(process)
        case .declared: wakeFromMessage(process)
        case .shell, .free: break
        }
    }
}
