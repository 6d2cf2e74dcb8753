/// The balancer at work: arrivals held while a host is looked for, probe rounds (each probe a real RPC,
/// one at a time), and transfers through Migration's API: exec-time for a process that has not run, a full
/// (preemptive) migration, frozen and its state moved, for one a receiver takes after it has run.
extension Simulation {
    /// The scheduler changed `node`'s run queue (up-called from `makeReady` and `leaveCPU`); `finished`:
    /// the process that just ended there, or -1.
    func balancingLoadChanged(_ node: Int, finished: Int32) {
        let b = balancing
        sampleLoad(node)
        if !b.held[node].isEmpty { letHeldArrivalRunHere(node) }
        guard finished >= 0 else { return }
        uncountGuest(finished)
        guard b.isMember[node], !b.probing[node], b.members.count > 1 else { return }
        if b.period > .zero, b.lastProbeRound[node] != .never, now - b.lastProbeRound[node] < b.period { return }
        let probes = b.balancer.departure(loadView(node))
        guard probes > 0 else { return }
        b.lastProbeRound[node] = now
        startRound(ProbeChain(intent: .askForWork, origin: Int32(node), process: -1, peer: -1,
                              left: Int32(probes), sent: 0))
    }

    /// A spawned process arrives on a balanced node: the balancer may place it elsewhere or hold it while
    /// it looks for a host. Returns whether it took the arrival (the process then goes on when placed).
    func balancingTookArrival(_ process: Int32) -> Bool {
        if rejoinsItsQueue(process) { return false }
        let b = balancing
        let s = scheduler
        let node = Int(s.table[process].node)
        guard node < b.isMember.count, b.isMember[node], s.table[process].kind == .program,
              !s.table[process].migrationPending, s.table[process].space < 0, s.table[process].gang < 0 else {
            return false
        }
        switch b.balancer.arrival(loadView(node)) {
        case .runHere:
            return false
        case .randomNode:
            let target = Int(b.members[Int(random.next() % UInt64(b.members.count))])
            guard target != node else { return false }
            _ = transfer(process, from: node, to: target, probes: 0)
            return true
        case .assigned:
            guard let target = b.assignment[processName(Int(process))], target != node else { return false }
            _ = transfer(process, from: node, to: target, probes: 0)
            return true
        case .lookForHost(let probes):
            if b.central >= 0 {
                startRound(ProbeChain(intent: .central, origin: Int32(node), process: process,
                                      peer: Int32(b.central), left: 1, sent: 0,
                                      round: holdArrival(process, on: node)))
                return true
            }
            guard probes > 0, b.members.count > 1 else { return false }
            startRound(ProbeChain(intent: .placeArrival, origin: Int32(node), process: process, peer: -1,
                                  left: Int32(probes), sent: 0, round: holdArrival(process, on: node)))
            return true
        }
    }

    private func startRound(_ chain: ProbeChain) {
        var chain = chain
        if chain.intent == .askForWork { balancing.probing[Int(chain.origin)] = true }
        if chain.intent != .central {
            // Eager, Lazowska and Zahorjan probe distinct nodes: a round asks each other node at most once.
            let others = balancing.members.count - 1
            chain.left = min(chain.left, Int32(others))
            chain.first = Int32(random.next() % UInt64(others))
            chain.stride = others > 1 ? Int32(coprimeStride(others)) : 1
        }
        sendProbe(chain)
    }

    /// A step in 1..<count that shares no factor with `count`: the walk first, first + step, ... visits
    /// every one of `count` nodes once before it repeats.
    private func coprimeStride(_ count: Int) -> Int {
        var step = 1 + Int(random.next() % UInt64(count - 1))
        while greatestCommonDivisor(step, count) != 1 { step = step % (count - 1) + 1 }
        return step
    }

    private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int { b == 0 ? a : greatestCommonDivisor(b, a % b) }

    /// The next probe of the round: to the next balanced node of the round's walk (never the origin, never
    /// one already asked), or to the host-selection server.
    private func sendProbe(_ chain: ProbeChain) {
        let b = balancing
        var chain = chain
        if chain.intent != .central {
            let others = b.members.count - 1
            let draw = Int((Int64(chain.first) + Int64(chain.sent) * Int64(chain.stride)) % Int64(others))
            let origin = Int(b.memberIndex[Int(chain.origin)])
            chain.peer = b.members[draw >= origin ? draw + 1 : draw]
        }
        chain.left -= 1
        chain.sent += 1
        b.statistics.probes += chain.intent == .central ? 0 : 1
        b.statistics.centralRequests += chain.intent == .central ? 1 : 0
        b.statistics.probeBytes += 2 * b.probeBytes
        let op = kernelRPC(from: Int(chain.origin), to: Int(chain.peer), requestBytes: b.probeBytes,
                           replyBytes: b.probeBytes, service: b.probeService)
        switch operations[Int(op)].status {
        case .failed: probeAnswered(chain, reachable: false)
        case .done: probeAnswered(chain, reachable: true)
        case .queued, .running: b.probes[op] = chain
        }
    }

    /// An RPC series ended: if it was a probe, its answer is read now (the peer's load as the reply leaves).
    func balancingRPCEnded(_ op: Int32) {
        guard let chain = balancing.probes.removeValue(forKey: op) else { return }
        if case .failed = operations[Int(op)].status { return probeAnswered(chain, reachable: false) }
        probeAnswered(chain, reachable: true)
    }

    private func probeAnswered(_ chain: ProbeChain, reachable: Bool) {
        let b = balancing
        let origin = Int(chain.origin)
        // Its arrival went on at home meanwhile (its node freed): the round ends, unanswered.
        if chain.intent != .askForWork, !isStillHeld(chain) { return }
        var partner: Int?
        var taken: Int32 = -1
        if reachable {
            switch chain.intent {
            case .placeArrival:
                if b.balancer.takes(loadView(Int(chain.peer))) { partner = Int(chain.peer) }
            case .central:
                partner = centralChoice(excluding: origin)
            case .askForWork:
                if b.balancer.gives(loadView(Int(chain.peer))),
                   let given = processToGive(on: Int(chain.peer), to: origin) {
                    partner = Int(chain.peer)
                    taken = given
                }
            }
        }
        if chain.intent != .central {
            record(.balanceProbe(from: origin, to: Int(chain.peer), queue: runnableCount(Int(chain.peer)),
                                 accepted: partner != nil), at: origin, level: .messages)
        }
        if let partner {
            if chain.intent == .askForWork {
                b.probing[origin] = false
                if transfer(taken, from: partner, to: origin, probes: Int(chain.sent)) { b.statistics.pulled += 1 }
            } else {
                endHold(chain)
                _ = transfer(chain.process, from: origin, to: partner, probes: Int(chain.sent))
            }
            return
        }
        if chain.left > 0, b.members.count > 1 { return sendProbe(chain) }
        b.statistics.failedRounds += 1
        if chain.intent == .askForWork {
            b.probing[origin] = false
        } else {
            endHold(chain)
            goOn(chain.process)
        }
    }

    /// Sprite's host-selection server: the first idle balanced node hosting no foreign process, looking from
    /// a node drawn at random so requests spread; nil when none is idle.
    private func centralChoice(excluding origin: Int) -> Int? {
        let members = balancing.members
        let start = Int(random.next() % UInt64(members.count))
        for step in 0..<members.count {
            let node = Int(members[(start + step) % members.count])
            if node != origin, balancing.balancer.takes(loadView(node)) { return node }
        }
        return nil
    }

    /// What an overloaded node gives a receiver: the newest process waiting in its run queue, else the one
    /// running (a receiver takes executing work, Eager, Lazowska and Zahorjan 1986); nil if none may move.
    private func processToGive(on node: Int, to receiver: Int) -> Int32? {
        guard let slot = schedulerSlot(node) else { return nil }
        let s = scheduler
        var waiting: Int32?
        var running: Int32?
        for p in s.nodes[slot].processes where s.table[p].phase == .ready || s.table[p].phase == .running {
            // A spinner cannot be frozen; what Migration refuses (locks, threads, shared files) stays.
            guard !s.table[p].migrationPending, s.table[p].spinningOn < 0,
                  migrationRefusal(ProcessID(p), to: receiver) == nil else { continue }
            if s.table[p].phase == .running {
                if running.map({ s.table[p].arrival >= s.table[$0].arrival }) ?? true { running = p }
            } else if waiting.map({ s.table[p].arrival >= s.table[$0].arrival }) ?? true {
                waiting = p
            }
        }
        return waiting ?? running
    }

    /// Moves `process` to `target`: as a remote exec if it has not run, else by a full migration (frozen,
    /// its state, open files and dirty pages moved); a held arrival then goes on, here if the move was
    /// refused, else frozen until it is on `target`. Returns whether the migration started.
    private func transfer(_ process: Int32, from source: Int, to target: Int, probes: Int) -> Bool {
        let b = balancing
        var started = false
        // A running process may not be settled yet: it has run all the same.
        let ran = scheduler.table[process].firstRun != .never || scheduler.table[process].phase == .running
        if let id = try? migrate(ProcessID(process), to: target, execArgumentBytes: ran ? nil : 0) {
            b.transfers.append(id)
            countGuest(process, on: target)
            if scheduler.table[process].phase == .new { b.statistics.placed += 1 }
            record(.balanceTransfer(process: Int(process), from: source, to: target, policy: b.kind.rawValue,
                                    probes: probes), at: source)
            started = true
        }
        if scheduler.table[process].phase == .new { goOn(process) }
        return started
    }

    /// A held arrival goes on where it is (or freezes there, if a migration now waits for it).
    private func goOn(_ process: Int32) {
        guard process >= 0, scheduler.table[process].phase == .new else { return }
        // Held while its round looked for a host: it waited to run.
        scheduler.table[process].waitTime += now - scheduler.table[process].since
        guard nodes[Int(scheduler.table[process].node)].isUp else { return kill(process) }
        continueOffCPU(process, why: .arrived)
    }
}
