/// DSM locks and barriers, and what a release does under each consistency model: nothing (sequential),
/// diffs pushed to every copy holder and the home and acknowledged (release), an interval of write
/// notices logged for later acquirers, carried by vector times (lazy release). Locks and barriers belong
/// to the first segment declared: its central manager holds them, else its node (a hash of the name) mod
/// n. Their messages count in that segment.
extension Simulation {
    func dsmSyncManager(name: String) -> Int {
        let segment = sharedMemory.segments[0]
        if case .central = segment.spec.manager { return segment.managerNode }
        // FNV-1a of the name: the same node on every run.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return segment.spec.nodes[Int(hash % UInt64(segment.spec.nodes.count))]
    }

    /// The lock's index by its name handle; the name is read only the first time (`name`).
    func dsmLockIndex(_ handle: Int32, name: () -> String) -> Int32 {
        let d = sharedMemory
        if let id = d.locks.lockIndex[handle] { return id }
        let id = Int32(d.locks.locks.count)
        d.locks.locks.append(DSMLock(manager: dsmSyncManager(name: name())))
        d.locks.lockNames.append(name())
        d.locks.lockIndex[handle] = id
        return id
    }

    func dsmBarrierIndex(_ handle: Int32, name: () -> String) -> Int32 {
        let d = sharedMemory
        if let id = d.locks.barrierIndex[handle] { return id }
        let id = Int32(d.locks.barriers.count)
        d.locks.barriers.append(DSMBarrier(manager: dsmSyncManager(name: name())))
        d.locks.barrierNames.append(name())
        d.locks.barrierIndex[handle] = id
        return id
    }

    func dsmSyncRequest(_ kind: DSMRequestKind, process: Int32, node: Int, target: Int32) -> Int32 {
        let r = sharedMemory.table.insert(DSMRequest(kind: kind, segment: 0, target: target, requester: Int32(node),
                                                     process: process, started: now))
        sharedMemory.waitingOn[Int(process)] = r
        return r
    }

    /// `dsm acquire L`: asks the lock's manager. Returns nil when the process holds L already (locks are not
    /// reentrant).
    func dsmAcquire(process: Int32, node: Int, lock handle: Int32, name: () -> String) -> Int32? {
        let lock = dsmLockIndex(handle, name: name)
        guard !dsmHolds(process, lock: Int(lock)) else { return nil }
        let r = dsmSyncRequest(.acquire, process: process, node: node, target: lock)
        dsmSend(.lockRequest, request: r, from: node, to: sharedMemory.locks.locks[Int(lock)].manager)
        return r
    }

    func dsmLockRequested(_ r: Int32) {
        let d = sharedMemory
        let lock = Int(d.table.requests[Int(r)].target)
        if d.locks.locks[lock].holder < 0 { return dsmGrant(lock: lock, to: r) }
        d.locks.locks[lock].queue.append(r)
    }

    /// The manager grants the lock; the grant carries the lock's vector time, and its size counts the
    /// notices the acquirer has not seen (lazy release). An acquirer that ended meanwhile is passed over.
    func dsmGrant(lock: Int, to r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        guard !dsmProcessHasEnded(request.process) else {
            d.table.remove(r)
            return dsmLockFreed(lock)
        }
        d.locks.locks[lock].holder = request.process
        var count: Int64 = 0
        let time = d.locks.locks[lock].time
        if time >= 0 {
            let snapshot = d.intervals.snapshot(of: d.intervals.snapshots[Int(time)])
            d.table.requests[Int(r)].snapshot = snapshot
            count = Int64(d.intervals.unseenCount(snapshot, at: Int(request.requester)))
        }
        dsmSend(.lockGrant, request: r, from: d.locks.locks[lock].manager, to: Int(request.requester),
                bytes: Self.dsmControlBytes + count * Self.dsmRunHeaderBytes)
    }

    /// A grant or a barrier release reached the waiting node: it invalidates the pages its unseen notices
    /// name, takes the carried vector time, and the process goes on.
    func dsmSyncGranted(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        if request.snapshot >= 0 {
            d.intervals.receive(request.snapshot, at: Int(request.requester)) { page, writer in
                dsmApply(page: page, writer: writer, at: Int(request.requester))
            }
            d.intervals.free(request.snapshot)
        }
        dsmStepDone(r)
        d.table.remove(r)
    }

    /// A write notice invalidates the node's copy; its next access fetches the writer's diff.
    func dsmApply(page global: Int32, writer writerNode: Int, at node: Int) {
        let d = sharedMemory
        guard let s = dsmSegment(ofPage: global) else { return }
        let participant = d.segments[s].participantIndex(of: node)
        let writer = d.segments[s].participantIndex(of: writerNode)
        guard participant >= 0, writer >= 0 else { return }
        let c = d.copyIndex(segment: s, page: global - d.segments[s].firstPage, participant: participant)
        d.copies[c].pendingWriters |= dsmBit(writer)
        if d.copies[c].access > DSMCopy.none {
            d.copies[c].access = DSMCopy.none
            d.pages[Int(global)].invalidations += 1
            d.statistics.invalidations += 1
            record(.dsmInvalidated(segment: d.segments[s].spec.name, page: global - d.segments[s].firstPage,
                                   by: writerNode), at: node, level: .faults)
        }
    }

    func dsmSegment(ofPage global: Int32) -> Int? {
        let d = sharedMemory
        for s in d.segments.indices.reversed() where d.segments[s].firstPage <= global { return s }
        return nil
    }

    /// `dsm release L`: ends the interval (diffs pushed, or notices recorded), then tells the manager.
    /// Returns nil when the process does not hold L.
    func dsmRelease(process: Int32, node: Int, lock handle: Int32) -> Int32? {
        let d = sharedMemory
        guard let lock = d.locks.lockIndex[handle], dsmHolds(process, lock: Int(lock)) else { return nil }
        d.locks.locks[Int(lock)].released = true
        let r = dsmSyncRequest(.release, process: process, node: node, target: lock)
        dsmEndInterval(r)
        return r
    }

    /// Whether the process holds the lock and has not released it yet.
    func dsmHolds(_ process: Int32, lock: Int) -> Bool {
        sharedMemory.locks.locks[lock].holder == process && !sharedMemory.locks.locks[lock].released
    }

    /// `dsm barrier B parties N`: ends the interval, then arrives at the barrier's manager.
    func dsmBarrier(process: Int32, node: Int, barrier handle: Int32, parties: Int32, name: () -> String) -> Int32 {
        let barrier = dsmBarrierIndex(handle, name: name)
        let r = dsmSyncRequest(.barrier, process: process, node: node, target: barrier)
        sharedMemory.table.requests[Int(r)].size = parties
        dsmEndInterval(r)
        return r
    }

    /// The writes of the node's interval: each page's twin is done with; eager release pushes its diff to
    /// every other holder and to the page's home (the release waits for the acknowledgements), lazy release
    /// logs the interval's notices. The release or arrival carries the node's vector time.
    func dsmEndInterval(_ r: Int32) {
        let d = sharedMemory
        let node = Int(d.table.requests[Int(r)].requester)
        var notices: Int64 = 0
        for s in d.segments.indices where d.models[s].multipleWriters {
            let participant = d.segments[s].participantIndex(of: node)
            guard participant >= 0, !d.segments[s].written[participant].isEmpty else { continue }
            for page in d.segments[s].written[participant] {
                let c = d.copyIndex(segment: s, page: page, participant: participant)
                d.copies[c].twin = false
                dsmFreeRuns(copy: c)
                let global = d.segments[s].firstPage + page
                switch d.models[s].releaseAction {
                case .nothing: break
                case .recordNotices:
                    notices += 1
                    d.loggedPages.append(global)
                case .pushDiffs:
                    dsmPushDiff(r, segment: s, page: page, copy: c, from: node)
                }
            }
            d.segments[s].written[participant].removeAll(keepingCapacity: true)
        }
        d.intervals.endInterval(of: node, pages: d.loggedPages)
        d.loggedPages.removeAll(keepingCapacity: true)
        d.table.requests[Int(r)].notices = Int32(clamping: notices)
        d.table.requests[Int(r)].snapshot = d.intervals.snapshot(ofNode: node)
        if d.table.requests[Int(r)].waiting <= 0 { dsmDiffsPushed(r) }
    }

    /// Eager release: the diff goes to every other copy holder, and to the page's home when the home holds
    /// no participant's copy (a central manager off the segment): the next fault is served there.
    func dsmPushDiff(_ r: Int32, segment s: Int, page: Int32, copy c: Int, from node: Int) {
        let d = sharedMemory
        let global = d.segments[s].firstPage + page
        let diff = dsmDiffBytes(copy: c, segment: s)
        let participant = d.segments[s].participantIndex(of: node)
        let holders = d.pages[Int(global)].copyset & ~dsmBit(participant)
        let home = Int(d.pages[Int(global)].owner)
        let homeApart = home != node && d.segments[s].participantIndex(of: home) < 0
        for holder in 0..<d.segments[s].participantCount where holders & dsmBit(holder) != 0 {
            dsmSendDiff(r, global: global, bytes: diff, from: node, to: d.segments[s].spec.nodes[holder])
        }
        if homeApart { dsmSendDiff(r, global: global, bytes: diff, from: node, to: home) }
    }

    func dsmSendDiff(_ r: Int32, global: Int32, bytes diff: Int64, from node: Int, to holder: Int) {
        let d = sharedMemory
        d.table.requests[Int(r)].waiting += 1
        d.pages[Int(global)].diffs += 1
        d.statistics.diffs += 1
        d.statistics.diffBytes += diff
        dsmSend(.diffPush, request: r, from: node, to: holder, bytes: Self.dsmControlBytes + diff, page: global)
    }

    /// A pushed diff reached a copy holder: applied, acknowledged.
    func dsmDiffArrived(_ r: Int32, at node: Int, page: Int32) {
        dsmSend(.diffAck, request: r, from: node, to: Int(sharedMemory.table.requests[Int(r)].requester), page: page)
    }

    /// The interval's diffs are everywhere (or there were none): the release or arrival goes out.
    func dsmDiffsPushed(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let bytes = Self.dsmControlBytes + Int64(request.notices) * Self.dsmRunHeaderBytes
        let node = Int(request.requester)
        if request.kind == .release {
            dsmStepDone(r)
            dsmSend(.lockRelease, request: r, from: node, to: d.locks.locks[Int(request.target)].manager,
                    bytes: bytes)
        } else {
            dsmSend(.barrierArrive, request: r, from: node, to: d.locks.barriers[Int(request.target)].manager,
                    bytes: bytes)
        }
    }

    /// The manager has the release: the lock keeps the releaser's vector time and goes to the next
    /// acquirer, or is free.
    func dsmLockReleased(_ r: Int32) {
        let d = sharedMemory
        let lock = Int(d.table.requests[Int(r)].target)
        let snapshot = d.table.requests[Int(r)].snapshot
        d.table.remove(r)
        if snapshot >= 0 {
            d.intervals.free(d.locks.locks[lock].time)
            d.locks.locks[lock].time = snapshot
        }
        dsmLockFreed(lock)
    }

    /// The lock has no holder: it goes to the next acquirer, or is free.
    func dsmLockFreed(_ lock: Int) {
        let d = sharedMemory
        d.locks.locks[lock].holder = -1
        d.locks.locks[lock].released = false
        guard !d.locks.locks[lock].queue.isEmpty else { return }
        dsmGrant(lock: lock, to: d.locks.locks[lock].queue.removeFirst())
    }

    /// An arrival at a barrier's manager; the last of the parties releases everyone, each with the episode's
    /// vector time (the maximum of the arrivals'). An arrival naming other parties than the episode's first
    /// is an error.
    func dsmBarrierArrived(_ r: Int32) {
        let d = sharedMemory
        let barrier = Int(d.table.requests[Int(r)].target)
        let parties = d.table.requests[Int(r)].size
        if d.locks.barriers[barrier].arrived.isEmpty {
            d.locks.barriers[barrier].parties = parties
        } else if d.locks.barriers[barrier].parties != parties {
            let request = d.table.requests[Int(r)]
            d.intervals.free(request.snapshot)
            d.table.remove(r)
            return dsmFail(process: request.process, name: d.locks.barrierNames[barrier],
                           .partiesMismatch(waiting: d.locks.barriers[barrier].parties, arriving: parties))
        }
        dsmMergeArrival(r, barrier: barrier)
        d.locks.barriers[barrier].arrived.append(r)
        guard d.locks.barriers[barrier].arrived.count >= Int(parties) else { return }
        // The episode's list changes places with the reused one: a release allocates nothing once warm.
        swap(&d.releasing, &d.locks.barriers[barrier].arrived)
        d.locks.barriers[barrier].arrived.removeAll(keepingCapacity: true)
        let time = d.locks.barriers[barrier].time
        d.locks.barriers[barrier].time = -1
        for waiter in d.releasing {
            let node = Int(d.table.requests[Int(waiter)].requester)
            var count: Int64 = 0
            if time >= 0 {
                // Each waiter's own copy: its release may arrive after the barrier's next episode.
                let snapshot = d.intervals.snapshot(of: d.intervals.snapshots[Int(time)])
                d.table.requests[Int(waiter)].snapshot = snapshot
                count = Int64(d.intervals.unseenCount(snapshot, at: node))
            }
            dsmSend(.barrierRelease, request: waiter, from: d.locks.barriers[barrier].manager, to: node,
                    bytes: Self.dsmControlBytes + count * Self.dsmRunHeaderBytes)
        }
        d.intervals.free(time)
    }

    /// The arrival's vector time joins the episode's.
    func dsmMergeArrival(_ r: Int32, barrier: Int) {
        let d = sharedMemory
        let snapshot = d.table.requests[Int(r)].snapshot
        d.table.requests[Int(r)].snapshot = -1
        guard snapshot >= 0 else { return }
        if d.locks.barriers[barrier].time < 0 {
            d.locks.barriers[barrier].time = snapshot
        } else {
            d.intervals.merge(snapshot, into: d.locks.barriers[barrier].time)
            d.intervals.free(snapshot)
        }
    }

    /// The step's request is done: the process goes on (if it was blocked on it; a request served at once,
    /// on the process's own node, leaves the step to go on by itself: `waitingOn` tells it).
    func dsmStepDone(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let process = request.process
        guard process >= 0, Int(process) < d.waitingOn.count, d.waitingOn[Int(process)] == r else { return }
        d.waitingOn[Int(process)] = -1
        d.trapPaid[Int(process)] = false
        if request.kind == .readFault || request.kind == .writeFault { d.statistics.faultWait += now - request.started }
        dsmStepServed(process: process, request: r)
    }
}
