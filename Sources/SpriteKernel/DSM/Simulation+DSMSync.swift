/// DSM locks and barriers, and what a release does under each consistency model: nothing (sequential),
/// diffs pushed to every copy holder and acknowledged (release), write notices left for the next
/// acquirer (lazy release). Locks and barriers belong to the first segment declared: its central manager
/// holds them, else its node (a hash of the name) mod n. Their messages count in that segment.
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

    /// `dsm acquire L`: asks the lock's manager.
    func dsmAcquire(process: Int32, node: Int, lock handle: Int32, name: () -> String) -> Int32 {
        let lock = dsmLockIndex(handle, name: name)
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

    /// The manager grants the lock; the grant carries the notices the acquirer has not seen (lazy release).
    func dsmGrant(lock: Int, to r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        d.locks.locks[lock].holder = request.process
        let from = d.locks.locks[lock].seen[request.requester] ?? 0
        let to = d.locks.locks[lock].notices.count
        d.locks.locks[lock].seen[request.requester] = to
        d.table.requests[Int(r)].noticeFrom = Int32(from)
        d.table.requests[Int(r)].noticeTo = Int32(to)
        var count: Int64 = 0
        for index in from..<to where d.locks.locks[lock].notices[index].writer != request.requester { count += 1 }
        dsmSend(.lockGrant, request: r, from: d.locks.locks[lock].manager, to: Int(request.requester),
                bytes: Self.dsmControlBytes + count * Self.dsmRunHeaderBytes)
    }

    /// A grant or a barrier release reached the waiting node: it invalidates the pages its notices name,
    /// and the process goes on.
    func dsmSyncGranted(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let node = request.requester
        let target = Int(request.target)
        for index in Int(request.noticeFrom)..<Int(request.noticeTo) {
            let notice = request.kind == .acquire ? d.locks.locks[target].notices[index]
                : d.locks.barriers[target].released[index]
            if notice.writer != node { dsmApply(notice, at: Int(node)) }
        }
        dsmStepDone(r)
        d.table.remove(r)
    }

    /// A write notice invalidates the node's copy; its next access fetches the writer's diff.
    func dsmApply(_ notice: DSMNotice, at node: Int) {
        let d = sharedMemory
        guard let s = dsmSegment(ofPage: notice.page) else { return }
        let participant = d.segments[s].participantIndex(of: node)
        let writer = d.segments[s].participantIndex(of: Int(notice.writer))
        guard participant >= 0, writer >= 0 else { return }
        let c = d.copyIndex(segment: s, page: notice.page - d.segments[s].firstPage, participant: participant)
        d.copies[c].pendingWriters |= dsmBit(writer)
        if d.copies[c].access > DSMCopy.none {
            d.copies[c].access = DSMCopy.none
            d.pages[Int(notice.page)].invalidations += 1
            d.statistics.invalidations += 1
            record(.dsmInvalidated(segment: d.segments[s].spec.name, page: notice.page - d.segments[s].firstPage,
                                   by: Int(notice.writer)), at: node, level: .faults)
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
        guard let lock = d.locks.lockIndex[handle], d.locks.locks[Int(lock)].holder == process else { return nil }
        let r = dsmSyncRequest(.release, process: process, node: node, target: lock)
        dsmEndInterval(r)
        return r
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
    /// every other holder (the release waits for the acknowledgements), lazy release records a notice.
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
                let global = d.segments[s].firstPage + page
                switch d.models[s].releaseAction {
                case .nothing: break
                case .recordNotices:
                    notices += 1
                    dsmRecord(DSMNotice(page: global, writer: Int32(node)), for: r)
                case .pushDiffs:
                    let diff = Int64(d.copies[c].diffRuns) * Self.dsmRunHeaderBytes + Int64(d.copies[c].diffBytes)
                    let holders = d.pages[Int(global)].copyset & ~dsmBit(participant)
                    for holder in 0..<d.segments[s].participantCount where holders & dsmBit(holder) != 0 {
                        d.table.requests[Int(r)].waiting += 1
                        d.pages[Int(global)].diffs += 1
                        d.statistics.diffs += 1
                        d.statistics.diffBytes += diff
                        dsmSend(.diffPush, request: r, from: node, to: d.segments[s].spec.nodes[holder],
                                bytes: Self.dsmControlBytes + diff, page: global)
                    }
                }
            }
            d.segments[s].written[participant].removeAll(keepingCapacity: true)
        }
        d.table.requests[Int(r)].noticeTo = Int32(clamping: notices)
        if d.table.requests[Int(r)].waiting <= 0 { dsmDiffsPushed(r) }
    }

    func dsmRecord(_ notice: DSMNotice, for r: Int32) {
        let d = sharedMemory
        let target = Int(d.table.requests[Int(r)].target)
        if d.table.requests[Int(r)].kind == .release {
            d.locks.locks[target].notices.append(notice)
        } else {
            d.locks.barriers[target].notices.append(notice)
        }
    }

    /// A pushed diff reached a copy holder: applied, acknowledged.
    func dsmDiffArrived(_ r: Int32, at node: Int, page: Int32) {
        dsmSend(.diffAck, request: r, from: node, to: Int(sharedMemory.table.requests[Int(r)].requester), page: page)
    }

    /// The interval's diffs are everywhere (or there were none): the release or arrival goes out.
    func dsmDiffsPushed(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let bytes = Self.dsmControlBytes + Int64(request.noticeTo) * Self.dsmRunHeaderBytes
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

    /// The manager has the release: the lock goes to the next acquirer, or is free.
    func dsmLockReleased(_ r: Int32) {
        let d = sharedMemory
        let lock = Int(d.table.requests[Int(r)].target)
        d.table.remove(r)
        d.locks.locks[lock].holder = -1
        guard !d.locks.locks[lock].queue.isEmpty else { return }
        dsmGrant(lock: lock, to: d.locks.locks[lock].queue.removeFirst())
    }

    /// An arrival at a barrier's manager; the last of the parties releases everyone with the notices
    /// the others brought.
    func dsmBarrierArrived(_ r: Int32) {
        let d = sharedMemory
        let barrier = Int(d.table.requests[Int(r)].target)
        d.locks.barriers[barrier].arrived.append(r)
        guard d.locks.barriers[barrier].arrived.count >= Int(d.table.requests[Int(r)].size) else { return }
        // The episode's lists change places with the reused ones: a release allocates nothing once warm.
        swap(&d.releasing, &d.locks.barriers[barrier].arrived)
        d.locks.barriers[barrier].arrived.removeAll(keepingCapacity: true)
        d.locks.barriers[barrier].handOutNotices()
        let released = d.locks.barriers[barrier].released.count
        for waiter in d.releasing {
            let node = d.table.requests[Int(waiter)].requester
            d.table.requests[Int(waiter)].noticeFrom = 0
            d.table.requests[Int(waiter)].noticeTo = Int32(released)
            var count: Int64 = 0
            for notice in d.locks.barriers[barrier].released where notice.writer != node { count += 1 }
            dsmSend(.barrierRelease, request: waiter, from: d.locks.barriers[barrier].manager, to: Int(node),
                    bytes: Self.dsmControlBytes + count * Self.dsmRunHeaderBytes)
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
