/// The fault log (`show faults`): every VM fault served, and DSM's (DSM/Simulation+DSMFaultLog.swift), kept up to
/// `faultLogLimit`, later ones counted. Recording one only when the log has room keeps a long run's cost flat.
extension Simulation {
    /// How many faults the log keeps; later ones are counted in `faultLogDropped`. Zero keeps none.
    public var faultLogLimit: Int {
        get { virtualMemory.faultLog.limit }
        set { virtualMemory.faultLog.limit = max(0, newValue) }
    }

    /// Faults not kept past the limit, and the time the log is complete until.
    public var faultLogDropped: Int { virtualMemory.faultLog.dropped }
    public var faultLogCompleteUntil: SimTime { virtualMemory.faultLog.droppedFrom }

    /// A VM fault of `process` on `entry` was served after `wait` (Simulation+FaultTrace.swift calls it).
    func logVMFault(_ process: Int32, entry: Int32, write: Bool, wait: SimTime) {
        let log = virtualMemory.faultLog
        guard !log.isFull else {
            log.dropped += 1
            log.droppedFrom = min(log.droppedFrom, now - wait)
            return
        }
        let vm = virtualMemory
        let segment = Int(vm.entries[Int(entry)].segment)
        let node = Int(vm.segments[segment].node)
        let config = vm.paging[node]?.config ?? VMConfig()
        var kind = FaultKind.zeroFill
        var from = -1
        var path: String?
        switch vm.processes[Int(process)].lastSource {
        case .zeroFill: break
        case .shared: kind = .shared
        case .migrationSource:
            kind = .pageIn
            from = Int(migration.lazySources[Int32(segment)]?.source ?? -1)
        case .backing:
            if case .swap = config.backing, vm.segments[segment].kind != .code {
                kind = .swapIn
            } else {
                kind = .pageIn
                path = backingPath(segment: segment, config: config)
                let file = Int(vm.segments[segment].file)
                if file >= 0, file < fs.files.count { from = fs.files[file].server }
            }
        }
        log.append(FaultRecord(time: now - wait, node: node, process: process,
                              segment: vm.segments[segment].kind.rawValue,
                              page: Int64(entry - vm.segments[segment].first), write: write, kind: kind,
                              from: from, path: path, wait: wait, messages: from >= 0 && from != node ? 2 : 0))
    }
}
