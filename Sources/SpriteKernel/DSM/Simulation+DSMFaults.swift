/// Access faults on shared pages (Ivy): the request travels to the page's manager or owner, the page (or a
/// grant) comes back, other copies are invalidated and acknowledged before a write; under the multiple-writer
/// models a fault fetches a copy if there is none, then the diffs its write notices name.
extension Simulation {
    func dsmBit(_ participant: Int) -> UInt64 { 1 << UInt64(participant) }

    /// Whether `node` may make the access now without a fault.
    func dsmMayAccess(segment s: Int, page: Int32, node: Int, write: Bool) -> Bool {
        let d = sharedMemory
        let participant = d.segments[s].participantIndex(of: node)
        let copy = d.copies[d.copyIndex(segment: s, page: page, participant: participant)]
        if d.models[s].multipleWriters { return copy.access >= DSMCopy.read && copy.pendingWriters == 0 }
        return copy.access >= (write ? DSMCopy.write : DSMCopy.read)
    }

    /// The access is allowed: a write under a multiple-writer model makes the interval's twin first, and
    /// its bytes join the interval's diff.
    func dsmTouch(segment s: Int, page: Int32, node: Int, write: Bool, offset: Int32, size: Int32) {
        let d = sharedMemory
        guard write, d.models[s].multipleWriters else { return }
        let participant = d.segments[s].participantIndex(of: node)
        let c = d.copyIndex(segment: s, page: page, participant: participant)
        if !d.copies[c].twin {
            d.copies[c].twin = true
            d.copies[c].diffRuns = 0
            d.copies[c].diffBytes = 0
            d.statistics.twins += 1
            d.segments[s].written[participant].append(page)
        }
        dsmAddRun(copy: c, offset: offset, size: size)
        d.copies[c].access = DSMCopy.write
    }

    /// Starts the fault of `process` on `page` (local to segment `s`); the process blocks until it is served.
    func dsmStartFault(process: Int32, node: Int, segment s: Int, page: Int32, write: Bool, offset: Int32,
                       size: Int32) -> Int32 {
        let d = sharedMemory
        let global = d.segments[s].firstPage + page
        let r = d.table.insert(DSMRequest(kind: write ? .writeFault : .readFault, segment: Int32(s), target: global,
                                          requester: Int32(node), process: process, offset: offset, size: size,
                                          started: now))
        d.waitingOn[Int(process)] = r
        d.statistics.faults += 1
        d.pages[Int(global)].faults += 1
        if write {
            d.statistics.writeFaults += 1
            d.pages[Int(global)].writeFaults += 1
        } else {
            d.statistics.readFaults += 1
            d.pages[Int(global)].readFaults += 1
        }
        let participant = d.segments[s].participantIndex(of: node)
        let copy = d.copies[d.copyIndex(segment: s, page: page, participant: participant)]
        // A multiple-writer node holding a copy fetches only the diffs its notices name.
        if d.models[s].multipleWriters, d.pages[Int(global)].copyset & dsmBit(participant) != 0 {
            dsmFetchDiffs(r, pending: copy.pendingWriters)
            return r
        }
        let manager = d.managers[s]
        if manager.confirms {
            dsmSend(.request, request: r, from: node, to: manager.firstHop(page: page, from: node, s, d))
        } else {
            dsmRequestReached(r, at: node)
        }
        return r
    }

    /// A page request reached `node`: the manager serialises it, the owner serves it, any other node forwards it.
    func dsmRequestReached(_ r: Int32, at node: Int) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let s = Int(request.segment)
        let global = Int(request.target)
        let page = request.target - d.segments[s].firstPage
        // A page whose owner crashed is gone: the fault fails where the request finds that out.
        if d.pages[global].lostIn >= 0, request.kind == .readFault || request.kind == .writeFault {
            return dsmFail(process: request.process, name: d.segments[s].spec.name,
                           .pageLost(page: page, node: Int(d.pages[global].lostIn)))
        }
        switch d.managers[s].route(page: page, at: node, s, d) {
        case .manage:
            guard !d.pages[global].busy else { return dsmEnqueue(r, at: node) }
            d.pages[global].busy = true
            d.table.requests[Int(r)].holdsTurn = true
            let owner = Int(d.pages[global].owner)
            if owner == node { dsmServe(r) } else { dsmSend(.forward, request: r, from: node, to: owner) }
        case .serve:
            guard !d.pages[global].busy else { return dsmEnqueue(r, at: node) }
            d.pages[global].busy = true
            d.table.requests[Int(r)].holdsTurn = true
            dsmServe(r)
        case .forward(let next):
            // A hint pointing back here would loop: the page's first owner knows more.
            let target = next == node ? Int(d.pages[global].owner) : next
            if request.kind == .writeFault, !d.models[s].multipleWriters {
                dsmSetHint(segment: s, page: page, at: node, to: Int(request.requester))
            }
            dsmSend(.request, request: r, from: node, to: target)
        }
    }

    func dsmEnqueue(_ r: Int32, at node: Int) {
        let d = sharedMemory
        let global = Int(d.table.requests[Int(r)].target)
        d.table.requests[Int(r)].queuedAt = Int32(node)
        d.table.requests[Int(r)].next = -1
        if d.pages[global].queueTail >= 0 {
            d.table.requests[Int(d.pages[global].queueTail)].next = r
        } else {
            d.pages[global].queueHead = r
        }
        d.pages[global].queueTail = r
    }

    func dsmSetHint(segment s: Int, page: Int32, at node: Int, to owner: Int) {
        let d = sharedMemory
        let participant = d.segments[s].participantIndex(of: node)
        guard participant >= 0 else { return }
        d.copies[d.copyIndex(segment: s, page: page, participant: participant)].probOwner = Int32(owner)
    }

    /// The owner answers: a copy for a read (it keeps read access), the page and its ownership for a write
    /// (or a grant when the requester holds a copy already: an upgrade moves no page).
    func dsmServe(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let s = Int(request.segment)
        let global = Int(request.target)
        let page = request.target - d.segments[s].firstPage
        let owner = Int(d.pages[global].owner)
        let requester = Int(request.requester)
        let requesterBit = dsmBit(d.segments[s].participantIndex(of: requester))
        let ownerParticipant = d.segments[s].participantIndex(of: owner)
        let pageBytes = Self.dsmControlBytes + d.segments[s].spec.pageSize
        d.table.requests[Int(r)].servedBy = Int32(owner)
        if request.kind == .readFault || d.models[s].multipleWriters {
            if !d.models[s].multipleWriters, d.pages[global].writable {
                d.pages[global].writable = false
                if ownerParticipant >= 0 {
                    d.copies[d.copyIndex(segment: s, page: page, participant: ownerParticipant)].access = DSMCopy.read
                }
            }
            dsmCountTransfer(global, from: owner, to: requester)
            return dsmSend(.page, request: r, from: owner, to: requester, bytes: pageBytes)
        }
        let holds = d.pages[global].copyset & requesterBit != 0
        let ownerBit = ownerParticipant >= 0 ? dsmBit(ownerParticipant) : 0
        d.table.requests[Int(r)].invalidate = d.pages[global].copyset & ~requesterBit & ~ownerBit
        if owner != requester {
            dsmCopiesChanged(segment: s, from: d.pages[global].copyset, to: d.pages[global].copyset & ~ownerBit)
            d.pages[global].copyset &= ~ownerBit
            if ownerParticipant >= 0 {
                d.copies[d.copyIndex(segment: s, page: page, participant: ownerParticipant)].access = DSMCopy.none
            }
            dsmSetHint(segment: s, page: page, at: owner, to: requester)
        }
        d.pages[global].owner = Int32(requester)
        d.pages[global].writable = false
        if owner == requester { return dsmPageArrived(r) }
        if holds { return dsmSend(.grant, request: r, from: owner, to: requester) }
        dsmCountTransfer(global, from: owner, to: requester)
        dsmSend(.page, request: r, from: owner, to: requester, bytes: pageBytes)
    }

    func dsmCountTransfer(_ global: Int, from: Int, to: Int) {
        let d = sharedMemory
        d.pages[global].transfers += 1
        d.statistics.transfers += 1
        if d.pages[global].lastSource == Int32(to) {
            d.pages[global].pingPongs += 1
            d.statistics.pingPongs += 1
        }
        d.pages[global].lastSource = Int32(from)
    }

    /// The page (or the grant) reached the requester: a read is served; a write first invalidates the
    /// other copies, each acknowledged.
    func dsmPageArrived(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let s = Int(request.segment)
        let global = Int(request.target)
        let page = request.target - d.segments[s].firstPage
        let requester = Int(request.requester)
        let participant = d.segments[s].participantIndex(of: requester)
        let c = d.copyIndex(segment: s, page: page, participant: participant)
        dsmCopiesChanged(segment: s, from: d.pages[global].copyset, to: d.pages[global].copyset | dsmBit(participant))
        d.pages[global].copyset |= dsmBit(participant)
        if d.managers[s].confirms == false { d.copies[c].probOwner = d.pages[global].owner }
        if request.kind == .readFault || d.models[s].multipleWriters {
            d.copies[c].access = max(d.copies[c].access, DSMCopy.read)
            if d.models[s].multipleWriters, d.copies[c].pendingWriters != 0 {
                return dsmFetchDiffs(r, pending: d.copies[c].pendingWriters)
            }
            return dsmFaultServed(r)
        }
        let holders = request.invalidate
        guard holders != 0 else { return dsmWriteGranted(r) }
        d.table.requests[Int(r)].waiting = Int32(holders.nonzeroBitCount)
        for participant in 0..<d.segments[s].participantCount where holders & dsmBit(participant) != 0 {
            dsmSend(.invalidate, request: r, from: requester, to: d.segments[s].spec.nodes[participant])
        }
    }

    /// A copy holder drops its copy and acknowledges.
    func dsmInvalidateArrived(_ r: Int32, at node: Int) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let s = Int(request.segment)
        let global = Int(request.target)
        let page = request.target - d.segments[s].firstPage
        let participant = d.segments[s].participantIndex(of: node)
        dsmCopiesChanged(segment: s, from: d.pages[global].copyset, to: d.pages[global].copyset & ~dsmBit(participant))
        d.pages[global].copyset &= ~dsmBit(participant)
        d.copies[d.copyIndex(segment: s, page: page, participant: participant)].access = DSMCopy.none
        dsmSetHint(segment: s, page: page, at: node, to: Int(request.requester))
        d.pages[global].invalidations += 1
        d.statistics.invalidations += 1
        record(.dsmInvalidated(segment: d.segments[s].spec.name, page: page, by: Int(request.requester)), at: node,
               level: .faults)
        dsmSend(.invalidateAck, request: r, from: node, to: Int(request.requester))
    }

    /// An acknowledgement or a diff came back; the last one ends the wait.
    func dsmReplyArrived(_ r: Int32) {
        let d = sharedMemory
        d.table.requests[Int(r)].waiting -= 1
        guard d.table.requests[Int(r)].waiting <= 0 else { return }
        switch d.table.requests[Int(r)].kind {
        case .writeFault:
            if d.models[Int(d.table.requests[Int(r)].segment)].multipleWriters {
                dsmDiffsApplied(r)
            } else {
                dsmWriteGranted(r)
            }
        case .readFault: dsmDiffsApplied(r)
        case .acquire, .release, .barrier: dsmDiffsPushed(r)
        }
    }

    /// Every other copy is gone: the requester is the only holder and may write.
    func dsmWriteGranted(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let s = Int(request.segment)
        let global = Int(request.target)
        let participant = d.segments[s].participantIndex(of: Int(request.requester))
        dsmCopiesChanged(segment: s, from: d.pages[global].copyset, to: dsmBit(participant))
        d.pages[global].copyset = dsmBit(participant)
        d.pages[global].writable = true
        let c = d.copyIndex(segment: s, page: request.target - d.segments[s].firstPage, participant: participant)
        d.copies[c].access = DSMCopy.write
        dsmFaultServed(r)
    }

    /// A multiple-writer fault asks each writer its notices name for its diff.
    func dsmFetchDiffs(_ r: Int32, pending: UInt64) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let s = Int(request.segment)
        guard pending != 0 else { return dsmDiffsApplied(r) }
        d.table.requests[Int(r)].waiting = Int32(pending.nonzeroBitCount)
        for writer in 0..<d.segments[s].participantCount where pending & dsmBit(writer) != 0 {
            dsmSend(.diffRequest, request: r, from: Int(request.requester), to: d.segments[s].spec.nodes[writer],
                    participant: Int32(writer))
        }
    }

    /// A writer makes its diff of the page (at the first request) and sends it.
    func dsmDiffRequested(_ r: Int32, at node: Int, writer: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let s = Int(request.segment)
        let global = Int(request.target)
        let c = d.copyIndex(segment: s, page: request.target - d.segments[s].firstPage, participant: Int(writer))
        let diff = dsmDiffBytes(copy: c, segment: s)
        d.pages[global].diffs += 1
        d.statistics.diffs += 1
        d.statistics.diffBytes += diff
        dsmSend(.diffReply, request: r, from: node, to: Int(request.requester), bytes: Self.dsmControlBytes + diff)
    }

    /// Every diff is in and applied: the copy is current.
    func dsmDiffsApplied(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let s = Int(request.segment)
        let participant = d.segments[s].participantIndex(of: Int(request.requester))
        let c = d.copyIndex(segment: s, page: request.target - d.segments[s].firstPage, participant: participant)
        d.copies[c].pendingWriters = 0
        d.copies[c].access = max(d.copies[c].access, DSMCopy.read)
        dsmFaultServed(r)
    }

    /// The fault is served: the access happens, the process goes on, and the page is free for the next
    /// request (after the requester's confirmation when a manager serialises it).
    func dsmFaultServed(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        let s = Int(request.segment)
        let page = request.target - d.segments[s].firstPage
        let requester = Int(request.requester)
        dsmTouch(segment: s, page: page, node: requester, write: request.kind == .writeFault, offset: request.offset,
                 size: request.size)
        record(.dsmFault(process: Int(request.process), segment: d.segments[s].spec.name, page: page,
                         write: request.kind == .writeFault, from: Int(request.servedBy),
                         messages: Int(d.table.requests[Int(r)].messages), waited: now - request.started),
               at: requester, level: .faults)
        logDSMFault(r)
        dsmStepDone(r)
        let global = Int(request.target)
        // A fault served by diffs alone never took the page's turn.
        guard request.holdsTurn else { return d.table.remove(r) }
        let manager = d.managers[s].manager(of: page, d.segments[s])
        if manager >= 0 {
            dsmSend(.confirm, request: r, from: requester, to: manager)
        } else {
            dsmTransferEnded(r, at: Int(d.pages[global].owner))
        }
    }

    /// The transfer is over (the manager has the confirmation, or the owner is done): the next queued
    /// request goes on, forwarded to the owner if it waited elsewhere.
    func dsmTransferEnded(_ r: Int32, at node: Int) {
        let d = sharedMemory
        let global = Int(d.table.requests[Int(r)].target)
        d.table.remove(r)
        d.pages[global].busy = false
        let next = d.pages[global].queueHead
        guard next >= 0 else { return }
        d.pages[global].queueHead = d.table.requests[Int(next)].next
        if d.pages[global].queueHead < 0 { d.pages[global].queueTail = -1 }
        let waitedAt = Int(d.table.requests[Int(next)].queuedAt)
        let s = Int(d.table.requests[Int(next)].segment)
        if d.managers[s].confirms || waitedAt == Int(d.pages[global].owner) {
            dsmRequestReached(next, at: waitedAt)
        } else {
            dsmSend(.request, request: next, from: waitedAt, to: Int(d.pages[global].owner))
        }
    }
}
