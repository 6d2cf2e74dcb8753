/// Eager program loading (`code PATH SIZE eager`, V's program loading): at a
/// process's start the whole code file is read at once, one read of the file
/// split into RPC pieces as a file read is, instead of page by page as the
/// pattern touches it. Every code page not in memory gets a frame now (a
/// dirty victim is written behind); the process waits for the one read.
/// After the start, a code page that leaves memory comes back on demand.
extension Simulation {
    /// Starts loading the code segment of `entry` for `process`: a frame for each page not in memory and one
    /// transfer for them all. Nil when no frame can be had for the first page (the caller retries).
    func startCodeLoad(_ process: Int32, entry: Int32, node: Int) -> FaultService? {
        let vm = virtualMemory
        let segment = vm.entries[Int(entry)].segment
        guard let (frame, pageOut) = obtainFrame(node, for: entry) else { return nil }
        let io = vm.pager.take(PageIO(kind: .load, node: Int32(node), entry: entry, frame: frame))
        vm.entries[Int(entry)].io = io
        if pageOut >= 0 { launchWriteBehind(pageOut, process: process, node: node) }
        var loaded: Int32 = 1
        forEachEntry(of: segment) { other in
            guard other != Int(entry), !vm.entries[other].isResident, vm.entries[other].io < 0,
                  let (_, otherOut) = obtainFrame(node, for: Int32(other)) else { return }
            vm.entries[other].io = io
            loaded += 1
            if otherOut >= 0 { launchWriteBehind(otherOut, process: process, node: node) }
        }
        let record = vm.processes.mutableAddress(Int(process))
        record.pointee.faults += 1
        record.pointee.pageIns += loaded
        record.pointee.lastSource = .backing
        vm.count(node) {
            $0.pageFaults += 1
            $0.pageIns += Int(loaded)
            $0.codeFaults += Int(loaded)
        }
        vm.pager.wait(process, on: io, write: false)
        return .major(io: io, launch: io)
    }

    /// A victim's page-out no fault waits for: written behind, counted to the loading process.
    private func launchWriteBehind(_ pageOut: Int32, process: Int32, node: Int) {
        virtualMemory.processes[Int(process)].pageOuts += 1
        virtualMemory.pager.slots[Int(pageOut)].countedTo = process
        virtualMemory.count(node) { $0.pageOuts += 1 }
        launchTransfer(pageOut)
    }

    /// The whole code file in one read from its server, in RPC pieces.
    func launchCodeLoad(_ io: Int32, segment: Int, node: Int, config: VMConfig) {
        guard let file = backingFileIndex(segment: segment, node: node, config: config) else {
            return pageIODone(io, failure: .noServer(path: backingPath(segment: segment, config: config)))
        }
        let bytes = Int64(virtualMemory.segments[segment].pages) * config.pageSize
        // A program's load goes straight to memory: its pages are VM's, not the file cache's.
        startBlockTransfer(BlockTransfer(kind: .read, client: node, file: file, block: 0, bytes: bytes, tag: io,
                                         bypassesClientCache: true))
    }

    /// Each frame the load `io` claimed: `body(frame)`, the frame's entry still marked with `io`.
    func forEachLoadedFrame(_ io: Int32, node: Int, _ body: (Int32) -> Void) {
        let vm = virtualMemory
        guard let frames = vm.frames(of: node) else { return }
        for frame in frames.frames.indices {
            let entry = Int(frames.frames[frame].entry)
            guard entry >= 0, vm.entries[entry].io == io, !vm.entries[entry].isResident else { continue }
            body(Int32(frame))
        }
    }

    /// The load `io` is in: every page it brought resident, in the policy's order. Returns the frames unlocked.
    func fillLoad(_ io: Int32) -> Int {
        let vm = virtualMemory
        let node = Int(vm.pager.slots[Int(io)].node)
        guard let frames = vm.frames(of: node) else { return 0 }
        var loaded = 0
        forEachLoadedFrame(io, node: node) { frame in
            vm.pager.slots[Int(io)].entry = frames.frames[Int(frame)].entry
            vm.pager.slots[Int(io)].frame = frame
            fill(io, write: false)
            loaded += 1
        }
        return loaded
    }

    /// The load `io` failed: the frames it claimed go back.
    func abandonLoad(_ io: Int32, node: Int) {
        let vm = virtualMemory
        guard let paging = vm.paging[node] else { return }
        forEachLoadedFrame(io, node: node) { frame in
            vm.entries[Int(paging.frames.frames[Int(frame)].entry)].io = -1
            paging.frames.free(frame)
            releasePage(node: node, side: .vm)
            wakeFrameWaiter(node)
        }
    }
}
