/// A node's crash: the pages it owned are lost (a later fault on one is a runtime error naming the page and
/// the crash), its copies are gone from every copy set.
extension Simulation {
    func dsmCrash(_ node: Int) {
        let d = sharedMemory
        for s in d.segments.indices {
            let participant = d.segments[s].participantIndex(of: node)
            let first = Int(d.segments[s].firstPage)
            for page in 0..<Int(d.segments[s].spec.pages) {
                if d.pages[first + page].owner == Int32(node), d.pages[first + page].lostIn < 0 {
                    d.pages[first + page].lostIn = Int32(node)
                }
                guard participant >= 0 else { continue }
                let copyset = d.pages[first + page].copyset
                dsmCopiesChanged(segment: s, from: copyset, to: copyset & ~dsmBit(participant))
                d.pages[first + page].copyset &= ~dsmBit(participant)
                d.copies[d.copyIndex(segment: s, page: Int32(page), participant: participant)].access = DSMCopy.none
            }
        }
    }

    /// A process ended holding DSM locks, as local locks do: each is released (its interval ends and the
    /// release goes to the manager), or, when its node crashed, the manager frees it for the next acquirer.
    func dsmProcessEnded(_ process: Int32, node: Int) {
        let d = sharedMemory
        for lock in d.locks.locks.indices where dsmHolds(process, lock: lock) {
            guard nodes[node].isUp else {
                dsmLockFreed(lock)
                continue
            }
            d.locks.locks[lock].released = true
            let r = dsmSyncRequest(.release, process: process, node: node, target: Int32(lock))
            d.waitingOn[Int(process)] = -1
            dsmEndInterval(r)
        }
    }

    /// Records a step that failed, for the language to report.
    func dsmFail(process: Int32, name: String, _ kind: DSMFailureKind) {
        sharedMemory.failures.append(DSMFailureRecord(process: process, time: now, name: name, kind: kind))
    }

    /// The segment, lock or barrier a request is about, for reports.
    func dsmName(of r: DSMRequest) -> String {
        let d = sharedMemory
        switch r.kind {
        case .readFault, .writeFault: return d.segments[Int(r.segment)].spec.name
        case .acquire, .release: return d.locks.lockNames[Int(r.target)]
        case .barrier: return d.locks.barrierNames[Int(r.target)]
        }
    }
}
