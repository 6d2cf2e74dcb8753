import Testing
@testable import SpriteKernel

/// Each process has its own file operation in flight: two processes on one node issue their steps at
/// once, sharing the node's cache and the server; the node's own steps (its shell's) keep one at a time.
///
/// Times under the zero-overhead preset (docs/COST-MODEL.md): no send, receive or copy overheads, a
/// message of P bytes is one packet of P bytes on the wire (no header), P × 0.8 us at 10 Mbit/s, plus
/// 500 us latency; on a switched network each ordered pair of nodes has its own link, so ws1's two
/// requests to fs share one. The server spends 100 us of CPU per call, first come first served. A call's
/// request is 64 B plus its arguments (an open: the path; a read: 16 B), an open's reply 128 B, a read's
/// reply 64 B + the data. fs's disk (the standard drive): 20 ms access + 4096 B at 2 MiB/s (1.953125 ms).
@Suite("File system: each process's own operation in flight")
struct ConcurrentFileStepTests {
    /// A server fs and a workstation ws1 on a switched zero-overhead network; /a and /b of 4 KB made at
    /// fs (on its disk, not in its block cache), the run idle, and `now` moved to 1 s.
    private func cluster() throws -> (Simulation, node: Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20,
                                              disk: DiskDrive(accessTime: .ms(20), bytesPerSecond: 2_048_000)))
        let node = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 8 << 20))
        sim.setDomain("/", server: server)
        _ = sim.createFile(on: node, path: "/a", size: 4096, directory: false)
        _ = sim.createFile(on: node, path: "/b", size: 4096, directory: false)
        sim.runToIdle()
        _ = sim.run(until: .ms(1000))
        return (sim, node)
    }

    /// The operations of `kind` the process called `name` issued, in order.
    private func operations(_ sim: Simulation, _ name: String, _ kind: OperationKind) -> [OperationRecord] {
        let process = sim.processID(named: name).map { Int($0.index) }
        return (0..<Int32(sim.operationCount)).compactMap(sim.operation).filter {
            $0.process == process && $0.kind == kind
        }
    }

    private static func reader(_ path: String) -> [ProgramStep] {
        [.file(.open(path: path, writable: false, readable: true)), .file(.read(path: nil, block: nil))]
    }

    private func spawnReaders(_ sim: Simulation, node: Int, paths: (String, String)) throws {
        try sim.defineProgram("first", steps: Self.reader(paths.0))
        try sim.defineProgram("second", steps: Self.reader(paths.1))
        try sim.spawn(program: "first", name: "r1", node: node)
        try sim.spawn(program: "second", name: "r2", node: node)
    }

    private func times(_ record: OperationRecord?) -> [Int64] {
        [record?.startedAt?.nanoseconds ?? -1, record?.finishedAt?.nanoseconds ?? -1]
    }

    // r1 and r2 (one CPU, FCFS, no switch cost) open at t0 = 1 s: r2 is dispatched as r1 blocks.
    //   r1 open: request 66 B (52.8 us) + 500 us -> at fs 552.8; CPU to 652.8; reply 128 B (102.4 us) + 500
    //            us -> t0 + 1255.2 us
    //   r2 open: its request waits on ws1's link to fs behind r1's (to 52.8) -> at fs 605.6; fs's CPU is
    //            r1's to 652.8, r2's to 752.8; its reply waits for the link from fs (r1's to 755.2): 857.6
    //            + 500 -> t0 + 1357.6 us, while r1's read is on its way: the two are in flight at once.
    //   r1 read /a: request 80 B (64 us) at 1255.2 -> at fs 1819.2; CPU to 1919.2; disk 22 ms to 23919.2;
    //            reply 4160 B (3328 us) + 500 -> t0 + 27747.2 us
    //   r2 read /b: request at 1357.6 -> at fs 1921.6; CPU to 2021.6; the arm is r1's to 23919.2, then
    //            22 ms more (another file: positioned again) to 45919.2; reply + 3828 -> t0 + 49747.2 us
    // One at a time (the node's whole FIFO) r2's read could not start before 27747.2.
    @Test func twoProcessesReadTwoFilesAtOnce() throws {
        let (sim, node) = try cluster()
        try spawnReaders(sim, node: node, paths: ("/a", "/b"))
        sim.runToIdle()
        let t0: Int64 = 1_000_000_000
        #expect(times(operations(sim, "r1", .open).first) == [t0, t0 + 1_255_200])
        #expect(times(operations(sim, "r2", .open).first) == [t0, t0 + 1_357_600])
        #expect(times(operations(sim, "r1", .read).first) == [t0 + 1_255_200, t0 + 27_747_200])
        #expect(times(operations(sim, "r2", .read).first) == [t0 + 1_357_600, t0 + 49_747_200])
        #expect(sim.fileSystemStatistics.diskReads == 2)
    }

    // The same file: r2's read misses too (the client cache keeps no mark of r1's fetch in progress) and
    // makes its own call, at fs at 1921.6 us, CPU to 2021.6. fs's block cache lists the block r1's disk
    // read is bringing: r2's is a server hit that waits for it (23919.2) and reads no disk. Its reply
    // follows r1's on the link from fs (to 27247.2): + 3328 + 500 -> t0 + 31075.2 us.
    @Test func twoProcessesMissingOneFileBothAskTheServer() throws {
        let (sim, node) = try cluster()
        try spawnReaders(sim, node: node, paths: ("/a", "/a"))
        sim.runToIdle()
        let t0: Int64 = 1_000_000_000
        #expect(times(operations(sim, "r1", .read).first) == [t0 + 1_255_200, t0 + 27_747_200])
        #expect(times(operations(sim, "r2", .read).first) == [t0 + 1_357_600, t0 + 31_075_200])
        let stats = sim.fileSystemStatistics
        #expect(stats.clientMisses == 2 && stats.rpcs["read"] == 2)
        #expect(stats.diskReads == 1 && stats.serverHits == 1)
    }

    // A crash of ws1 while both reads are at fs (t0 + 10 ms) fails both, kills both processes, and leaves
    // no issuer with a step queued or in progress: after the restart the node's next step starts at once.
    @Test func aCrashFailsEveryStepInFlight() throws {
        let (sim, node) = try cluster()
        try spawnReaders(sim, node: node, paths: ("/a", "/b"))
        _ = sim.run(until: .ms(1010))
        let reads = operations(sim, "r1", .read) + operations(sim, "r2", .read)
        #expect(reads.map(\.status) == [.running, .running])
        #expect(sim.fileStepsInProgress(node).count == 2)
        sim.crash(node)
        for read in reads { #expect(try sim.op(read.id).status == .failed(.nodeDown(node: node))) }
        #expect(try sim.metrics("r1").state == .killed && sim.metrics("r2").state == .killed)
        #expect(sim.fileStepsInProgress(node).isEmpty && sim.queuedFileSteps(node).isEmpty)
        sim.runToIdle()
        sim.restart(node)
        let again = sim.statFile(on: node, path: "/a")
        #expect(try sim.op(again).status == .running)
        sim.runToIdle()
        #expect(try sim.op(again).status == .done)
    }

    // The node's own steps stay one at a time, in order; two declared processes' steps (on PROCESS)
    // are each their own issuer's and start at once.
    @Test func nodeStepsWaitAndDeclaredProcessesStepsDoNot() throws {
        let (sim, node) = try cluster()
        let first = sim.statFile(on: node, path: "/a")
        let second = sim.statFile(on: node, path: "/b")
        #expect(try sim.op(first).status == .running && sim.op(second).status == .queued)
        sim.runToIdle()
        let editor = try sim.addProcess(named: "editor", on: node)
        let viewer = try sim.addProcess(named: "viewer", on: node)
        let a = sim.statFile(on: node, process: editor, path: "/a")
        let b = sim.statFile(on: node, process: viewer, path: "/b")
        let afterA = sim.statFile(on: node, process: editor, path: "/b")
        #expect(try sim.op(a).status == .running && sim.op(b).status == .running)
        #expect(try sim.op(afterA).status == .queued)
        sim.runToIdle()
        #expect(try sim.op(afterA).startedAt == sim.op(a).finishedAt)
        // Two steps served from memory at once (a sync with nothing dirty: one local kernel call, 0 here)
        // are kept apart by operation: both end.
        let syncs = [sim.syncFiles(on: node, process: editor), sim.syncFiles(on: node, process: viewer)]
        sim.runToIdle()
        for sync in syncs { #expect(try sim.op(sync).status == .done) }
    }
}
