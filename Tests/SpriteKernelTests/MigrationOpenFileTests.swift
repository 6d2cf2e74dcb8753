import Testing
@testable import SpriteKernel

/// A migrating process's open files move with it as Sprite moves them: the server's opener counts go from
/// the source to the target directly, by the open-file phase's own RPCs, not as a close on one client and an
/// open on the other, so no consistency action runs (no recall, no cache disabled or re-enabled, no
/// open or close call). The file's dirty blocks reach the server in the flush-files phase first.
///
/// fs serves /f (4 KB); w on ws1 opens /f rw and writes 4 KB (dirty in ws1's cache); r on ws3 opens /f
/// r and holds it: concurrent write-sharing, so caching is disabled once, at r's open. w moves to ws2.
@Suite("Process migration: open files")
struct MigrationOpenFileTests {
    @Test func openersMoveWithoutConsistencyActions() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server))
        for name in ["ws1", "ws2", "ws3"] { try sim.addNode(NodeSpec(name: name, role: .workstation)) }
        sim.setDomain("/", server: server)
        _ = sim.createFile(on: 1, path: "/f", size: 4096, directory: false)
        sim.runToIdle()
        try sim.defineProgram("writer", steps: [.file(.open(path: "/f", writable: true, readable: true)),
                                                .file(.write(path: nil, text: nil, size: 4096, append: false)),
                                                .compute(.s(2)), .file(.close(path: nil))])
        try sim.defineProgram("reader", steps: [.sleep(.ms(100)), .file(.open(path: "/f", writable: false,
                                                                                readable: true)),
                                                .sleep(.s(5)), .file(.close(path: nil))])
        let w = try sim.spawn(program: "writer", name: "w", node: 1)
        try sim.spawn(program: "reader", name: "r", node: 3)
        _ = sim.run(until: .s(1))
        let file = try #require(sim.fs.files.firstIndex { $0.path == "/f" })
        #expect(sim.fs.files[file].cachingDisabled)
        let before = sim.fileSystemStatistics
        #expect(before.cachingDisabled == 1 && before.rpcs["open"] == 2 && before.rpcs["close", default: 0] == 0)
        try sim.migrate(w, to: 2)
        _ = sim.run(until: .s(1) + .ms(500))
        let report = try #require(sim.migrationReports.first)
        #expect(report.state == .done && report.openFiles == 1)
        let after = sim.fileSystemStatistics
        // The move itself: no recall, no disable, no open or close call at the server.
        #expect(after.cachingDisabled == before.cachingDisabled && after.recalls == before.recalls)
        #expect(after.rpcs["open", default: 0] == before.rpcs["open", default: 0])
        #expect(after.rpcs["close", default: 0] == before.rpcs["close", default: 0])
        #expect(sim.fs.files[file].openers[1] == nil)
        #expect(sim.fs.files[file].openers[2].map { [$0.readers, $0.writers] } == [0, 1])
        #expect(sim.fs.files[file].openers[3].map { [$0.readers, $0.writers] } == [1, 0])
        #expect(sim.fs.files[file].cachingDisabled)
        // w closes on ws2 (at 2s of CPU): the server hears it from ws2; r's close ends the sharing.
        sim.runToIdle()
        #expect(sim.fileSystemStatistics.rpcs["close"] == 2)
        #expect(sim.fs.files[file].openers.isEmpty)
        #expect(!sim.fs.files[file].cachingDisabled)
    }
}
