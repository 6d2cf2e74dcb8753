/// DSM faults in the fault log (`show faults`) and in the timeline (a slice that ended in one is marked as a
/// page fault's).
extension Simulation {
    /// Request `r`, a fault, was served: it joins the fault log (Memory/Simulation+FaultLog.swift).
    func logDSMFault(_ r: Int32) {
        let log = virtualMemory.faultLog
        let request = sharedMemory.table.requests[Int(r)]
        guard request.process >= 0 else { return }
        guard !log.isFull else {
            log.dropped += 1
            log.droppedFrom = min(log.droppedFrom, request.started)
            return
        }
        let s = Int(request.segment)
        let segment = sharedMemory.segments[s]
        let write = request.kind == .writeFault
        log.append(FaultLogEntry(time: request.started, node: Int(request.requester),
                                 process: ProcessID(request.process),
                                 segment: segment.spec.name, page: Int64(request.target - segment.firstPage),
                                 write: write, kind: write ? .dsmWrite : .dsmRead, from: Int(request.servedBy),
                                 path: nil, wait: now - request.started, messages: Int(request.messages)))
    }

    /// Whether the process is blocked on a DSM fault (not a DSM lock or barrier).
    func waitsOnDSMFault(_ process: Int32) -> Bool {
        let s = scheduler
        guard s.table[process].phase == .blocked, s.table[process].blockKind == .dsm else { return false }
        let r = Int(s.table[process].blockedOn)
        guard r >= 0, r < sharedMemory.table.requests.count else { return false }
        let kind = sharedMemory.table.requests[r].kind
        return kind == .readFault || kind == .writeFault
    }
}
