/// Virtual memory as the language sees it: configuring nodes, declaring
/// spaces and patterns, giving programs a space, and reading it all back.
extension Simulation {
    /// Sets up `node`'s virtual memory: one frame per page of its memory, VM's share bounded by the
    /// node's negotiation. Refused while processes with spaces run there (their pages would be lost).
    public func configureVM(node: Int, _ config: VMConfig) throws(KernelError) {
        guard nodes.indices.contains(node) else { throw .unknownNode("#\(node)") }
        let page = config.pageSize
        guard page >= 512, page & (page - 1) == 0, page % max(1, fileSystemConfig.blockSize) == 0 else {
            throw .invalidValue("page \(page)")
        }
        if case .swap = config.backing, nodes[node].spec.isDiskless { throw .invalidValue("backing swap") }
        if config.faultCPU.map({ $0 < .zero }) == true { throw .invalidValue("fault-cpu") }
        let memory = nodes[node].spec.memoryBytes
        guard memory >= page else { throw .invalidValue("memory") }
        let vm = virtualMemory
        for space in vm.spaces.indices where vm.spaces[space].node == Int32(node) && vm.spaces[space].live {
            throw .invalidValue("vm with live spaces")
        }
        vm.configure(node: node, .init(frames: FrameTable(count: Int(memory / page)),
                                       policy: config.replacement.makePolicy(), config: config))
        frameLedger.ledgers[node].pageSize = page
        frameLedger.ledgers[node].vmBytes = 0
        for segment in vm.segments.indices where vm.segments[segment].node == Int32(node) {
            vm.segments[segment].live = false
        }
        for (key, _) in vm.codeCache where key.node == Int32(node) { vm.codeCache[key] = nil }
        vm.declared = true
    }

    /// How `node` shares its memory between VM and the file cache.
    public func setMemoryNegotiation(node: Int, _ kind: NegotiationKind) {
        setNegotiation(node: node, kind)
    }

    public func memoryNegotiation(node: Int) -> NegotiationKind { frameLedger.ledgers[node].policy }

    /// The node's memory as its ledger counts it, in bytes.
    func memoryFigures(node: Int) -> (total: Int64, cacheBytes: Int64, free: Int64, pageSize: Int64) {
        let ledger = frameLedger.ledgers[node]
        return (ledger.total, ledger.cacheBytes, ledger.freeBytes, ledger.pageSize)
    }

    /// The node's VM configuration, nil when it has none.
    public func vmConfig(node: Int) -> VMConfig? { virtualMemory.paging.indices.contains(node)
        ? virtualMemory.paging[node]?.config : nil }

    /// Declares (or redeclares, for processes started later) an address space.
    public func defineAddressSpace(_ spec: AddressSpaceSpec) throws(KernelError) {
        guard spec.touch > .zero else { throw .invalidValue("touch") }
        guard spec.writeShare >= 0, spec.writeShare <= 1 else { throw .invalidValue("writes") }
        guard spec.dataBytes >= 0, spec.stackBytes >= 0, (spec.code?.bytes ?? 0) >= 0 else {
            throw .invalidValue("segment size")
        }
        let vm = virtualMemory
        let pattern = try definePattern(spec.pattern)
        vm.specIndex[spec.name] = Int32(vm.specs.count)
        vm.specs.append(spec)
        vm.specPatterns.append(pattern)
        vm.declared = true
    }

    /// A pattern a program's step switches to; its handle.
    func definePattern(_ pattern: AccessPattern) throws(KernelError) -> Int32 {
        let compiled: CompiledPattern
        switch pattern {
        case .sequential(let kind, let set), .random(let kind, let set):
            guard (set ?? 0) >= 0 else { throw .invalidValue("working set") }
            var random = false
            if case .random = pattern { random = true }
            compiled = CompiledPattern(segment: kind, random: random, length: set ?? 0, trace: [])
        case .loop(let kind, let pages):
            guard pages >= 1 else { throw .invalidValue("loop") }
            compiled = CompiledPattern(segment: kind, random: false, isLoop: true, length: pages, trace: [])
        case .trace(let kind, let pages):
            guard !pages.isEmpty, pages.allSatisfy({ $0 >= 0 }) else { throw .invalidValue("trace") }
            compiled = CompiledPattern(segment: kind, random: false, length: Int64(pages.count), trace: pages)
        }
        virtualMemory.patterns.append(compiled)
        return Int32(virtualMemory.patterns.count - 1)
    }

    public var addressSpaceNames: [String] { virtualMemory.specIndex.keys.sorted() }

    public func addressSpace(named name: String) -> AddressSpaceSpec? {
        virtualMemory.specIndex[name].map { virtualMemory.specs[Int($0)] }
    }

    /// Whether a `vm` or a space was declared: statistics then show their rows.
    public var virtualMemoryDeclared: Bool { virtualMemory.declared }

    /// The cluster's paging totals, or one node's.
    public func memoryStatistics(node: Int? = nil) -> MemoryStatistics {
        guard let node else { return virtualMemory.statistics }
        return virtualMemory.nodeStatistics.indices.contains(node) ? virtualMemory.nodeStatistics[node] : .init()
    }

    /// Writes each dirty resident page of `space`'s data and of `stack` once to its backing store; returns the
    /// page-outs started (counted to `process`).
    func flushDirtyPages(space: Int32, stack: Int32, process: Int32) -> Int {
        let vm = virtualMemory
        guard vm.spaces[Int(space)].live else { return 0 }
        var started = 0
        for segment in [vm.spaces[Int(space)].data, stack] where segment >= 0 {
            let node = Int(vm.segments[Int(segment)].node)
            forEachEntry(of: segment) { entry in
                guard vm.entries[entry].isResident, vm.entries[entry].io < 0,
                      vm.entries[entry].flags & PageEntry.unsaved != 0 else { return }
                let io = vm.pager.take(PageIO(kind: .pageOut, node: Int32(node), entry: Int32(entry), frame: -1))
                vm.entries[entry].io = io
                vm.processes[Int(process)].pageOuts += 1
                vm.pager.slots[Int(io)].countedTo = process
                vm.count(node) { $0.pageOuts += 1 }
                started += 1
                launchTransfer(io)
            }
        }
        return started
    }
}
