import Testing
@testable import SpriteKernel

/// File steps a V process issues: its own open files, transaction and history, its node's one cache.
@Suite("File system: processes on one node")
struct ProcessFileTests {
    private func twoProcessesOnOneNode() throws -> (Simulation, node: Int, p1: Int, p2: Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20))
        let node = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 8 << 20))
        sim.setDomain("/", server: server)
        let p1 = try sim.addProcess(named: "p1", on: node)
        let p2 = try sim.addProcess(named: "p2", on: node)
        return (sim, node, p1, p2)
    }

    /// p1 has /a open; p2 has nothing open, so its read without a path fails
    /// rather than use p1's session, and p1's own read goes on.
    @Test func aPathlessStepUsesOnlyTheIssuersOpenFiles() throws {
        let (sim, node, p1, p2) = try twoProcessesOnOneNode()
        _ = sim.createFile(on: node, path: "/a", size: 4096, directory: false)
        _ = sim.openFile(on: node, process: p1, path: "/a", writable: false)
        let stray = sim.readFile(on: node, process: p2, path: nil)
        let own = sim.readFile(on: node, process: p1, path: nil)
        sim.runToIdle()
        #expect(try sim.op(stray).status == .failed(.notOpen(path: nil)))
        #expect(try sim.op(own).status == .done)
        #expect(sim.fileHistory.filter { $0.process == p1 }.count == 2)   // its open and its read
        #expect(sim.fileHistory.allSatisfy { $0.process != p2 })
    }

    /// Both read /a through ws1's one cache: p1's read misses and fills it,
    /// p2's open (issued once p1 is done: each process has its own steps in
    /// flight) finds the copy current and p2's read is a hit.
    @Test func twoProcessesReadThroughOneCache() throws {
        let (sim, node, p1, p2) = try twoProcessesOnOneNode()
        _ = sim.createFile(on: node, path: "/a", size: 4096, directory: false)
        let hitsBefore = sim.fs.statistics.clientHits
        for process in [p1, p2] {
            _ = sim.openFile(on: node, process: process, path: "/a", writable: false)
            _ = sim.readFile(on: node, process: process, path: "/a")
            _ = sim.closeFile(on: node, process: process, path: "/a")
            sim.runToIdle()
        }
        // p1's open fetched nothing (sprite opens fetch no data), its read missed; p2's read hit.
        #expect(sim.fs.statistics.clientHits - hitsBefore == 1)
        let reads = sim.fileHistory.filter { if case .read = $0.kind { true } else { false } }
        #expect(reads.map(\.process) == [p1, p2])
    }

    /// A create's contents are recorded as a write with no session; the process that created it is its writer.
    @Test func aCreateRecordsItsProcess() throws {
        let (sim, node, p1, _) = try twoProcessesOnOneNode()
        _ = sim.createFile(on: node, process: p1, path: "/c", size: 4096, directory: false)
        _ = sim.createFile(on: node, path: "/d", size: 4096, directory: false)
        sim.runToIdle()
        #expect(sim.fileHistory.map(\.process) == [p1, -1])
        #expect(sim.fileHistory.map(\.session) == [-1, -1])
    }

    /// p1's begin does not take in p2's opens, and each may have its own transaction open at once.
    @Test func transactionsArePerProcess() throws {
        let (sim, node, p1, p2) = try twoProcessesOnOneNode()
        #expect(sim.beginTransaction(on: node, process: p1) == 0)
        #expect(sim.beginTransaction(on: node, process: p2) == 1)
        #expect(sim.beginTransaction(on: node, process: p1) == nil)   // p1's is still open
        #expect(sim.activeTransaction(on: node) == nil)                // the node itself has none
        _ = sim.openFile(on: node, process: p1, path: "/a", writable: true)
        _ = sim.closeFile(on: node, process: p1, path: "/a")
        #expect(sim.commitTransaction(on: node, process: p2)?.process == p2)
        _ = sim.openFile(on: node, process: p2, path: "/a", writable: false)
        _ = sim.closeFile(on: node, process: p2, path: "/a")
        sim.runToIdle()
        let opens = sim.fileHistory.filter { if case .open = $0.kind { true } else { false } }
        #expect(opens.map(\.transaction) == [0, -1])
    }

    /// The immutable rule counts sharers by node (LANGUAGE.md `semantics`: "a file opened from two
    /// nodes is shared"): p1 and p2 are both ws1, so /x, opened by both and written by p2 while p1 has
    /// it open, is never shared, and p1's later read is fresh under it. (Unix: the read returns p2's
    /// "v", the last write: fresh too.)
    @Test func twoProcessesOfOneNodeAreOneSharer() throws {
        let (sim, node, p1, p2) = try twoProcessesOnOneNode()
        _ = sim.createFile(on: node, path: "/x", size: 0, directory: false)
        // Each process's steps are in flight at once: the run goes idle between them to order them.
        _ = sim.openFile(on: node, process: p1, path: "/x", writable: false)
        sim.runToIdle()
        _ = sim.openFile(on: node, process: p2, path: "/x", writable: true)
        _ = sim.writeFile(on: node, process: p2, path: "/x", text: Array("v".utf8), size: 1, append: false)
        _ = sim.closeFile(on: node, process: p2, path: "/x")
        sim.runToIdle()
        _ = sim.readFile(on: node, process: p1, path: "/x")
        sim.runToIdle()
        let report = SemanticsChecker.judge(sim.fileHistory)
        #expect(report.reads.count == 1)
        #expect(report.reads.first?.immutable == .fresh)
        #expect(report.reads.first?.unix == .fresh)
    }

    /// A second node's open does share the file. Events: 0 p1's open; 1–3 p2's open, write, close (one
    /// node so far: not shared); 4 ws2's open (a second node: shared from here); 5, 6 p2's open and
    /// write, the first write to the shared file; 7 p1's read, after it: modified-while-shared by 6.
    @Test func aSecondNodeSharesTheFile() throws {
        let (sim, node, p1, p2) = try twoProcessesOnOneNode()
        let other = try sim.addNode(NodeSpec(name: "ws2", role: .workstation, memoryBytes: 8 << 20))
        _ = sim.createFile(on: node, path: "/x", size: 0, directory: false)
        _ = sim.openFile(on: node, process: p1, path: "/x", writable: false)
        sim.runToIdle()
        _ = sim.openFile(on: node, process: p2, path: "/x", writable: true)
        _ = sim.writeFile(on: node, process: p2, path: "/x", text: Array("v".utf8), size: 1, append: false)
        _ = sim.closeFile(on: node, process: p2, path: "/x")
        sim.runToIdle()
        _ = sim.openFile(on: other, path: "/x", writable: false)
        sim.runToIdle()
        _ = sim.openFile(on: node, process: p2, path: "/x", writable: true)
        _ = sim.writeFile(on: node, process: p2, path: "/x", text: Array("w".utf8), size: 1, append: false)
        sim.runToIdle()
        _ = sim.readFile(on: node, process: p1, path: "/x")
        sim.runToIdle()
        #expect(sim.fileHistory.map(\.id) == Array(0...7))
        let report = SemanticsChecker.judge(sim.fileHistory)
        #expect(report.reads.count == 1)
        #expect(report.reads.first?.immutable == .modifiedWhileShared(byEvent: 6))
    }
}
