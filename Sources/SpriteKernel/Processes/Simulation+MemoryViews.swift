/// What `show memory`, process fields and expects read.
extension Simulation {
    /// The node's memory: VM pages by segment kind, sticky code, the file cache, free pages, each process.
    public func memoryView(of node: Int) -> NodeMemoryView? {
        let vm = virtualMemory
        guard let paging = vm.paging.indices.contains(node) ? vm.paging[node] : nil else { return nil }
        var counts: [SegmentKind: Int] = [:]
        var sticky = 0
        for frame in paging.frames.frames.indices {
            let entry = Int(paging.frames.frames[frame].entry)
            guard entry >= 0, vm.entries[entry].isResident else { continue }
            let segment = Int(vm.entries[entry].segment)
            counts[vm.segments[segment].kind, default: 0] += 1
            if vm.segments[segment].kind == .code && vm.segments[segment].users == 0 { sticky += 1 }
        }
        let ledger = memoryFigures(node: node)
        // Under a fixed split the cache never charges the ledger (it has its share): what it holds is its
        // contents, and the pages they fill are not free. A negotiating cache's ledger is its size.
        var cacheBytes = ledger.cacheBytes
        var freeBytes = ledger.free
        if !negotiatesFileCache(node) {
            cacheBytes = max(cacheBytes, min(fileCacheUsedBytes(node), ledger.total))
            freeBytes -= cacheBytes - ledger.cacheBytes
        }
        let processes = (0..<scheduler.table.count).compactMap { index -> ProcessMemoryView? in
            guard scheduler.table[Int32(index)].node == Int32(node) else { return nil }
            return processMemory(ProcessID(Int32(index)))
        }
        return NodeMemoryView(
            node: node, config: paging.config, memoryBytes: ledger.total,
            frames: paging.frames.count, codePages: counts[.code] ?? 0, dataPages: counts[.data] ?? 0,
            stackPages: counts[.stack] ?? 0, stickyPages: sticky, cacheBytes: cacheBytes,
            doubleCachedPages: doubleCachedPages(node: node),
            freePages: Int(max(0, freeBytes) / ledger.pageSize), processes: processes,
            statistics: memoryStatistics(node: node))
    }

    /// Resident pages whose block is also in the client cache of their node (double caching, bypass off):
    /// on `node`, or on every node.
    public func doubleCachedPages(node: Int? = nil) -> Int {
        let vm = virtualMemory
        guard let node else { return vm.paging.indices.reduce(0) { $0 + doubleCachedPages(node: $1) } }
        guard let paging = vm.state(of: node) else { return 0 }
        let blockSize = max(1, fileSystemConfig.blockSize)
        var doubled = 0
        for frame in paging.frames.frames.indices {
            let entry = Int(paging.frames.frames[frame].entry)
            guard entry >= 0, vm.entries[entry].isResident else { continue }
            let segment = Int(vm.entries[entry].segment)
            let file = Int(vm.segments[segment].file)
            guard file >= 0 else { continue }
            let block = Int64(entry - Int(vm.segments[segment].first)) * paging.config.pageSize / blockSize
            if clientCacheHolds(node: node, file: file, block: block) { doubled += 1 }
        }
        return doubled
    }

    /// A process's memory, nil when it never had a space.
    public func processMemory(_ id: ProcessID) -> ProcessMemoryView? {
        let vm = virtualMemory
        let process = Int(id.index)
        guard process < scheduler.table.count, scheduler.table[id.index].space >= 0,
              process < vm.processes.count else { return nil }
        let space = vm.spaces[Int(scheduler.table[id.index].space)]
        let record = vm.processes[process]
        func resident(_ segment: Int32) -> Int {
            segment >= 0 && vm.segments[Int(segment)].live ? Int(vm.segments[Int(segment)].resident) : 0
        }
        return ProcessMemoryView(
            process: id, space: vm.specs[Int(space.spec)].name, residentCode: resident(space.code),
            residentData: space.live ? resident(space.data) : 0, residentStack: resident(record.stack),
            faults: Int(record.faults), zeroFills: Int(record.zeroFills), pageIns: Int(record.pageIns),
            pageOuts: Int(record.pageOuts), faultWait: record.faultWait)
    }
}
