/// Address spaces: made when a process of a program with a space arrives,
/// shared by its threads, gone when the last of them ends. Code segments are
/// kept per node and program file: every process of the program shares them,
/// and they stay after the last one exits (sticky), still replaceable.
extension Simulation {
    /// A node a space lands on without a `vm` gets the defaults.
    func ensureVM(on node: Int) {
        guard !virtualMemory.isConfigured(node) else { return }
        try? configureVM(node: node, VMConfig())
    }

    /// A new space of `spec` on `node`, its code shared with the node's other processes of the program.
    func makeSpace(spec: Int32, node: Int, owner: Int32, ownerName: String) -> Int32 {
        let vm = virtualMemory
        let declared = vm.specs[Int(spec)]
        let page = vm.paging[node]?.config.pageSize ?? 4096
        let id = Int32(vm.spaces.count)
        var space = AddressSpace(node: Int32(node), spec: spec, owner: owner)
        if let code = declared.code { space.code = codeSegment(node: node, code, page: page) }
        space.data = makeSegment(node: node, kind: .data, pages: pages(declared.dataBytes, page), owner: owner,
                                 ownerName: ownerName)
        space.stack = makeSegment(node: node, kind: .stack, pages: pages(declared.stackBytes, page), owner: owner,
                                  ownerName: ownerName)
        vm.spaces.append(space)
        return id
    }

    func pages(_ bytes: Int64, _ page: Int64) -> Int32 {
        Int32(clamping: bytes <= 0 ? 0 : (bytes + page - 1) / page)
    }

    func makeSegment(node: Int, kind: SegmentKind, pages: Int32, owner: Int32, ownerName: String = "") -> Int32 {
        let vm = virtualMemory
        let id = Int32(vm.segments.count)
        if !ownerName.isEmpty { vm.segmentOwners[id] = ownerName }
        vm.segments.append(Segment(node: Int32(node), kind: kind, first: Int32(vm.entries.count), pages: pages,
                                   owner: owner))
        vm.entries.append(repeating: PageEntry(segment: id), count: Int(pages))
        return id
    }

    /// The node's code segment of the program file, shared; made on the first use.
    func codeSegment(node: Int, _ code: AddressSpaceSpec.Code, page: Int64) -> Int32 {
        let vm = virtualMemory
        let key = CodeKey(node: Int32(node), path: code.path)
        if let known = vm.codeCache[key], vm.segments[Int(known)].live {
            if !codeIsStale(known) {
                vm.segments[Int(known)].users += 1
                return known
            }
            // The program file changed since its pages were read: they are not this program any more.
            // Processes still running the old code keep it; it goes when the last of them leaves.
            if vm.segments[Int(known)].users == 0 { freeSegment(known) } else { vm.codeCache[key] = nil }
        }
        let id = makeSegment(node: node, kind: .code, pages: pages(code.bytes, page), owner: -1)
        vm.codePaths[id] = code.path
        vm.codeCache[key] = id
        return id
    }

    /// Whether the code segment's program file has a newer version (or is gone) since its pages were read.
    func codeIsStale(_ segment: Int32) -> Bool {
        let file = Int(virtualMemory.segments[Int(segment)].file)
        guard file >= 0, let seen = virtualMemory.codeVersions[segment] else { return false }
        return fs.files[file].deleted || fs.files[file].version != seen
    }

    /// A process leaves its space: its stack goes; the space goes with its last thread, its code stays (sticky).
    func leaveSpace(_ space: Int32, stack: Int32) {
        let vm = virtualMemory
        let space = Int(space)
        guard vm.spaces[space].live else { return }
        freeSegment(stack)
        vm.spaces[space].threads -= 1
        guard vm.spaces[space].threads == 0 else { return }
        vm.spaces[space].live = false
        freeSegment(vm.spaces[space].data)
        let code = vm.spaces[space].code
        guard code >= 0, vm.segments[Int(code)].live else { return }
        vm.segments[Int(code)].users -= 1
        guard vm.segments[Int(code)].users == 0 else { return }
        let node = Int(vm.segments[Int(code)].node)
        let cached = vm.codePaths[code].map { vm.codeCache[CodeKey(node: Int32(node), path: $0)] == code } ?? false
        if vm.paging[node]?.config.sticky == true && cached {
            forEachEntry(of: code) { entry in
                if vm.entries[entry].isResident { vm.entries[entry].set(PageEntry.sticky, true) }
            }
        } else {
            freeSegment(code)
        }
    }

    /// A segment no space uses any more: its frames go back (the ledger too); a transfer under way for one of
    /// its pages frees that frame when it ends.
    func freeSegment(_ segment: Int32) {
        let vm = virtualMemory
        guard segment >= 0, vm.segments[Int(segment)].live else { return }
        vm.segments[Int(segment)].live = false
        let node = Int(vm.segments[Int(segment)].node)
        guard let table = vm.frames(of: node), let policy = vm.paging[node]?.policy else { return }
        func free(_ entry: Int) {
            let frame = vm.entries[entry].frame
            guard frame >= 0 else { return }
            policy.removed(frame, table)
            table.free(frame)
            releasePage(node: node, side: .vm)
            vm.entries[entry].frame = -1
            wakeFrameWaiter(node)
        }
        // A huge segment mostly out of memory: its frames are found through the node's frame table.
        let (first, pages) = (Int(vm.segments[Int(segment)].first), Int(vm.segments[Int(segment)].pages))
        if vm.segments[Int(segment)].resident == 0 {
            // Nothing in memory.
        } else if pages > table.count {
            for frame in table.frames.indices {
                let entry = Int(table.frames[frame].entry)
                if entry >= first && entry < first + pages { free(entry) }
            }
        } else {
            forEachEntry(of: segment, free)
        }
        vm.segments[Int(segment)].resident = 0
        if vm.segments[Int(segment)].kind == .code {
            for (key, value) in vm.codeCache where value == segment { vm.codeCache[key] = nil }
            vm.codePaths[segment] = nil
            vm.codeVersions[segment] = nil
        }
    }

    @inline(__always) func forEachEntry(of segment: Int32, _ body: (Int) -> Void) {
        let first = Int(virtualMemory.segments[Int(segment)].first)
        for entry in first..<(first + Int(virtualMemory.segments[Int(segment)].pages)) { body(entry) }
    }
}
