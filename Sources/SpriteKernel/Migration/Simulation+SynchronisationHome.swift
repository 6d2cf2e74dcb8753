/// Transparency for node-local synchronisation: locks, channels (signal/wait) and barriers are
/// location-dependent state, so, as in Sprite, they stay at the process's home node and a migrated process's
/// calls on them are forwarded home. Each such step away from home first makes a 64-byte RPC to the home
/// kernel (counted with the other forwarded calls), then acts on the home node's object, so a migrated
/// process meets the same lock holders and the same messages as it would have at home. A wait that finds
/// no message blocks on the home channel; the message that wakes it is not charged a second RPC.
extension Simulation {
    /// The node whose locks, channels and barriers the process uses: its home.
    func synchronisationNode(_ process: Int32) -> Int32 {
        migration.homes[process] ?? scheduler.table[process].node
    }

    /// Nil when the step may act now (at home, or its forwarded RPC has been answered); else the process
    /// blocks on the RPC to its home and takes the step again when the answer comes.
    func forwardedHome(_ process: Int32) -> StepOutcome? {
        let s = scheduler
        let pc = s.table[process].pc
        if let forwardedAt = migration.synchronisationForwarded.removeValue(forKey: process), forwardedAt == pc {
            return nil
        }
        let node = Int(s.table[process].node)
        let home = Int(synchronisationNode(process))
        guard home != node else { return nil }
        let op = kernelRPC(from: node, to: home, requestBytes: 64, replyBytes: 64, service: .zero)
        switch operations[Int(op)].status {
        case .done, .failed:
            return nil
        case .queued, .running:
            migration.synchronisationForwarded[process] = pc
            migration.forwarded[op] = (process, now)
            block(process, .forwarded, on: -1)
            return .blocked
        }
    }
}
