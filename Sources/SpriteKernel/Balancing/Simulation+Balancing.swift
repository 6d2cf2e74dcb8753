#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Load balancing's public face: declare a balancer and Sprite's idle rule, read each node's load, and the
/// counts and response times of a run.
extension Simulation {
    /// Balancing's tables, as the engine's extensions name them.
    var balancing: LoadBalancing { loadBalancing }

    /// Places arriving processes on `nodes` with `kind`. `threshold`: the run-queue length (running and
    /// ready) that makes a node a sender (at or above it when one arrives) or a receiver (below it when one
    /// finishes); `probes`: the most nodes one round asks; `period`: the least time between a receiver's
    /// rounds; `central`: Sprite's host-selection server (nil: each node probes on its own).
    public func setBalancing(_ kind: BalancerKind, nodes members: [Int], threshold: Int = 1, probes: Int = 3,
                             period: SimTime = .zero, central: Int? = nil) throws(KernelError) {
        for node in members + (central.map { [$0] } ?? []) where !nodes.indices.contains(node) {
            throw .unknownNode("#\(node)")
        }
        guard threshold >= 0, probes >= 0, period >= .zero else { throw .invalidValue("balance") }
        let b = balancing
        for node in b.members {
            b.isMember[Int(node)] = false
            b.memberIndex[Int(node)] = -1
        }
        b.kind = kind
        b.balancer = kind.make()
        b.members = []
        for node in members where !(b.isMember.indices.contains(node) && b.isMember[node]) {
            b.ensure(node)
            b.isMember[node] = true
            b.memberIndex[node] = Int32(b.members.count)
            b.members.append(Int32(node))
        }
        b.threshold = threshold
        b.probeLimit = probes
        b.period = period
        b.central = central ?? -1
        b.listens = true
        for node in members { sampleLoad(node) }
    }

    public var balancerKind: BalancerKind { balancing.kind }
    public var balancedNodes: [Int] { balancing.members.map(Int.init) }
    public var balanceSettings: (threshold: Int, probes: Int, period: SimTime, central: Int?) {
        let b = balancing
        return (b.threshold, b.probeLimit, b.period, b.central >= 0 ? b.central : nil)
    }

    /// Sprite's idle rule on `nodes`: a node is idle when its load average is below `load` and no user
    /// input came for `after`. `decay`: the load average's time constant.
    public func setIdleRule(nodes watched: [Int], after: SimTime, load: Double, decay: SimTime? = nil)
        throws(KernelError) {
        for node in watched where !nodes.indices.contains(node) { throw .unknownNode("#\(node)") }
        guard after >= .zero, load >= 0, (decay ?? .s(1)) > .zero else { throw .invalidValue("idle") }
        let b = balancing
        for node in watched {
            sampleLoad(node)
            b.watched[node] = true
        }
        b.idleAfter = after
        b.idleLoad = load
        if let decay { b.decay = decay }
        b.listens = true
    }

    public var idleRule: (after: SimTime, load: Double, decay: SimTime) {
        (balancing.idleAfter, balancing.idleLoad, balancing.decay)
    }

    /// The node's exponentially decayed run-queue length now.
    public func loadAverage(of node: Int) -> Double {
        let b = balancing
        guard node >= 0, node < b.average.count else { return 0 }
        return decayed(node, to: now)
    }

    /// Processes running or ready on the node now.
    public func runQueueLength(of node: Int) -> Int { runnableCount(node) }

    /// Whether Sprite would offer the node to a foreign process now.
    public func isIdle(_ node: Int) -> Bool {
        let b = balancing
        guard node >= 0, node < b.watched.count, b.watched[node], nodes[node].isUp else { return false }
        let input = b.lastInput[node]
        return loadAverage(of: node) < b.idleLoad && (input == .never || now - input >= b.idleAfter)
    }

    /// Whether the idle rule watches the node.
    public func isWatchedForIdle(_ node: Int) -> Bool {
        node >= 0 && node < balancing.watched.count && balancing.watched[node]
    }

    /// When the node's owner last typed or moved the mouse, if ever.
    public func lastInput(on node: Int) -> SimTime? {
        node >= 0 && node < balancing.lastInput.count && balancing.lastInput[node] != .never
            ? balancing.lastInput[node] : nil
    }

    /// Foreign processes the balancer placed on the node and that have not finished or left.
    public func guests(on node: Int) -> Int {
        node >= 0 && node < balancing.guests.count ? Int(balancing.guests[node]) : 0
    }

    public var balancingStatistics: BalancingStatistics { balancing.statistics }

    /// Migrations the balancer started (not evictions), by number in `migrationReports`.
    public var balancingTransfers: [Int] { balancing.transfers }

    // MARK: load average

    /// Processes running or ready on `node`: its run queues' lengths and its busy CPUs.
    func runnableCount(_ node: Int) -> Int {
        guard let slot = schedulerSlot(node) else { return 0 }
        let s = scheduler
        var count = 0
        for queue in s.nodes[slot].queues { count += Int(s.queues[queue].length) }
        for cpu in s.nodes[slot].cpus where s.cpus[cpu].current >= 0 { count += 1 }
        return count
    }

    /// Brings the node's average up to now with the length it had since the last sample, then takes the
    /// new length: exact for a length that is constant between samples, and every change is sampled.
    func sampleLoad(_ node: Int) {
        let b = balancing
        b.ensure(node)
        b.average[node] = decayed(node, to: now)
        b.sampled[node] = now
        b.runnable[node] = Int32(runnableCount(node))
    }

    /// L(t) = n + (L(t0) - n) e^(-(t - t0)/decay), n the length held since t0.
    private func decayed(_ node: Int, to time: SimTime) -> Double {
        let b = balancing
        let elapsed = time - b.sampled[node]
        guard elapsed > .zero else { return b.average[node] }
        let held = Double(b.runnable[node])
        return held + (b.average[node] - held) * exp(-elapsed.seconds / b.decay.seconds)
    }

    /// What a balancer sees of the node: its run queue counts the processes it has accepted and not yet
    /// taken in, as Sprite selects and reserves a host, so two probes in a row do not both find it free.
    func loadView(_ node: Int) -> LoadView {
        let b = balancing
        return LoadView(queue: runnableCount(node) + incomingMigrations(to: node), idle: isIdle(node),
                        guests: Int(b.guests[node]), threshold: b.threshold, probeLimit: b.probeLimit,
                        central: b.central >= 0)
    }
}
