/// Arrivals a sender (or Sprite's host request) holds while its round looks for a host. Probes go one at a
/// time, and each to a crashed node waits out the RPC timeout; if the arrival's own node frees meanwhile
/// (its run queue falls below what the balancer would run there), the arrival stops waiting for the round
/// and joins its own run queue, and the round ends at its next answer. The time held counts as waiting.
extension Simulation {
    /// Holds `process` on `node` for a new round; returns the round's number.
    func holdArrival(_ process: Int32, on node: Int) -> Int32 {
        let b = balancing
        b.rounds &+= 1
        b.held[node].append(HeldArrival(process: process, round: b.rounds))
        return b.rounds
    }

    /// Whether the chain's arrival is still held for it (not let go to its own queue meanwhile).
    func isStillHeld(_ chain: ProbeChain) -> Bool {
        balancing.held[Int(chain.origin)].contains(HeldArrival(process: chain.process, round: chain.round))
    }

    /// The round is over: its arrival is no longer held.
    func endHold(_ chain: ProbeChain) {
        let b = balancing
        let origin = Int(chain.origin)
        guard let place = b.held[origin].firstIndex(of: HeldArrival(process: chain.process, round: chain.round))
        else { return }
        b.held[origin].remove(at: place)
    }

    /// The node's run queue changed: if it would now run an arrival here, the oldest held one arrives again,
    /// at once, into its own run queue. One at a time: its arrival changes the queue and asks again.
    func letHeldArrivalRunHere(_ node: Int) {
        let b = balancing
        var view = loadView(node)
        for process in b.rejoining where scheduler.table[process].node == Int32(node) { view.queue += 1 }
        guard b.balancer.arrival(view) == .runHere else { return }
        let first = b.held[node].removeFirst()
        let s = scheduler
        s.table[first.process].waitTime += now - s.table[first.process].since
        b.rejoining.append(first.process)
        schedule(.sched(.arrival(process: first.process)), at: now)
    }

    /// An arrival let go to its own queue arrives again: the balancer does not look for a host again.
    func rejoinsItsQueue(_ process: Int32) -> Bool {
        let b = balancing
        guard !b.rejoining.isEmpty, let place = b.rejoining.firstIndex(of: process) else { return false }
        b.rejoining.remove(at: place)
        return true
    }
}
