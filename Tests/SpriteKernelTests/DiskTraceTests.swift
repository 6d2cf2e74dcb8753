import Testing
@testable import SpriteKernel

/// Each disk request's interval in the trace (`TraceEvent.diskRequest`, message level): when it was asked for,
/// when the arm began it and when it ended, by the figures of docs/COST-MODEL.md, "Disks".
@Suite struct DiskTraceTests {
    /// Two workstations open a cold file each on one server with an Eagle, then read them whole at once.
    private func twoColdFiles(level: TraceLevel, diskCacheOn b: Bool = false) throws -> (Simulation, Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero))
        let fs = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20, disk: DiskTests.eagle))
        let a = try sim.addNode(NodeSpec(name: "a", role: .workstation))
        let second = try sim.addNode(NodeSpec(name: "b", role: .workstation, disk: b ? DiskTests.eagle : nil))
        sim.configureFileSystem(FileSystemConfig())
        sim.setDomain("/", server: fs)
        if b { #expect(sim.setDiskCache(node: second, capacityBytes: nil)) }
        _ = sim.createFile(on: a, path: "/x", size: 16 << 10, directory: false)
        _ = sim.createFile(on: second, path: "/y", size: 8 << 10, directory: false)
        sim.runToIdle()
        _ = sim.openFile(on: a, path: "/x", writable: false)
        _ = sim.openFile(on: second, path: "/y", writable: false)
        sim.runToIdle()
        _ = sim.drainTrace()
        sim.traceLevel = level
        _ = sim.readFile(on: a, path: "/x")
        _ = sim.readFile(on: second, path: "/y")
        sim.runToIdle()
        return (sim, fs)
    }

    private func requests(_ sim: Simulation) -> [(node: Int, request: DiskRequestSummary)] {
        sim.drainTrace().compactMap { record in
            guard case .diskRequest(let request) = record.event else { return nil }
            return (record.node, request)
        }
    }

    @Test func twoReadsQueueFirstComeFirstServed() throws {
        let (sim, fs) = try twoColdFiles(level: .messages)
        let traced = requests(sim)
        // /x is 4 blocks, /y 2: each one positioning and its blocks in one sweep. /y's request is served by the
        // server's CPU while /x's is on the arm: it waits, and the arm takes it when /x's ends.
        #expect(traced.count == 2)
        let (x, y) = (traced[0].request, traced[1].request)
        #expect(traced.allSatisfy { $0.node == fs })
        #expect(x.path == "/x" && x.firstBlock == 0 && x.lastBlock == 3 && x.blocks == 4 && x.bytes == 16 << 10)
        #expect(x.purpose == .fileRead && !x.writes && !x.sequential)
        #expect(x.start == x.requested)
        #expect(x.end - x.start == DiskTests.eaglePositioning + DiskTests.eagleBlock * 4)
        #expect(y.path == "/y" && y.blocks == 2)
        #expect(y.requested < y.start && y.start == x.end)
        #expect(y.end - y.start == DiskTests.eaglePositioning + DiskTests.eagleBlock * 2)
        // The arm's busy time is the two intervals.
        #expect(sim.diskBusy(fs) == (x.end - x.start) + (y.end - y.start))
    }

    @Test func belowMessageLevelNothingIsBuilt() throws {
        for level in [TraceLevel.off, .operations, .faults] {
            let (sim, fs) = try twoColdFiles(level: level)
            #expect(requests(sim).isEmpty, "\(level)")
            // The disk worked all the same.
            #expect(sim.diskBusy(fs) > .zero)
        }
    }

    @Test func aDiskCacheIsFilledBehindTheRead() throws {
        let (sim, _) = try twoColdFiles(level: .messages, diskCacheOn: true)
        let onB = requests(sim).filter { $0.node == 2 }.map(\.request)
        // b's copy of /y, from the server, is written to its own disk behind the read: one write of 2 blocks.
        #expect(onB.count == 1)
        #expect(onB.first?.purpose == .cacheFill && onB.first?.writes == true && onB.first?.blocks == 2)
        #expect(onB.first.map { $0.end - $0.start } == DiskTests.eaglePositioning + DiskTests.eagleBlock * 2)
    }
}
