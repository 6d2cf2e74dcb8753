/// DSM faults in the fault log (`show faults`).
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
        log.append(FaultRecord(time: request.started, node: Int(request.requester), process: request.process,
                               segment: segment.spec.name, page: Int64(request.target - segment.firstPage),
                               write: write, kind: write ? .dsmWrite : .dsmRead, from: Int(request.servedBy),
                               path: nil, wait: now - request.started, messages: Int(request.messages)))
    }
}
