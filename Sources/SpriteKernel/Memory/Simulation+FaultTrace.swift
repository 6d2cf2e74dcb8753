/// Fault lines in the trace, built only when the level asks for them (`trace faults`).
extension Simulation {
    func traceFault(_ process: Int32, entry: Int32, write: Bool, wait: SimTime) {
        logVMFault(process, entry: entry, write: write, wait: wait)
        guard traceLevel >= .faults else { return }
        let vm = virtualMemory
        let segment = Int(vm.entries[Int(entry)].segment)
        let node = Int(vm.segments[segment].node)
        let page = Int64(entry - vm.segments[segment].first)
        let source: PageSource
        switch vm.processes[Int(process)].lastSource {
        case .zeroFill: source = .zeroFill
        case .shared: source = .shared
        case .migrationSource:
            source = .migrationSource(node: Int(migration.lazySources[Int32(segment)]?.source ?? -1))
        case .backing:
            if case .swap = vm.paging[node]?.config.backing, vm.segments[segment].kind != .code {
                source = .swap
            } else {
                source = .file(path: backingPath(segment: segment, config: vm.paging[node]?.config ?? VMConfig()))
            }
        }
        record(.pageFault(process: Int(process), segment: vm.segments[segment].kind, page: page,
                          write: write, source: source, wait: wait),
               at: node, level: .faults)
    }
}

/// Where a faulted page came from.
public enum PageSource: Sendable, Equatable {
    /// A first touch: a page of zeros.
    case zeroFill
    /// The node's swap area.
    case swap
    /// A backing file, or the program's file for code.
    case file(path: String)
    /// Another process's transfer of the same page, waited for.
    case shared
    /// The node the process migrated from (lazy copy): the page fetched from its memory by RPC.
    case migrationSource(node: Int)
}

/// How a fault was served, kept for its trace line.
enum FaultSourceKind: UInt8 {
    case zeroFill, backing, shared, migrationSource
}
