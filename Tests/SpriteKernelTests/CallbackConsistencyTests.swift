import Testing
import SpriteKernel

/// A file server `fs` (a 20 ms disk) and `clients` workstations under
/// callbacks, `/` served by fs.
private func callbackRig(clients: Int, policy: WritePolicyKind = .writeOnClose) throws -> (Simulation, [Int]) {
    let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .switched))
    let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20,
                                          disk: DiskDrive(accessTime: .ms(20), bytesPerSecond: 2_000_000)))
    var nodes: [Int] = []
    for index in 1...clients {
        nodes.append(try sim.addNode(NodeSpec(name: "ws\(index)", role: .workstation, memoryBytes: 8 << 20)))
    }
    var config = FileSystemConfig()
    config.consistency = .callbacks
    config.writePolicy = policy
    sim.configureFileSystem(config)
    sim.setDomain("/", server: server)
    return (sim, nodes)
}

extension Simulation {
    fileprivate func text(ofRead op: Int32) -> String? {
        guard let content = operation(op)?.content, let bytes = contentBytes(content).bytes else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    fileprivate func writeSession(_ node: Int, _ path: String, _ text: String) {
        _ = openFile(on: node, path: path, writable: true)
        _ = writeFile(on: node, path: path, text: Array(text.utf8), size: Int64(text.utf8.count), append: false)
        _ = closeFile(on: node, path: path)
    }

    /// open read-only, read, close: the read's operation.
    fileprivate func readSession(_ node: Int, _ path: String) -> Int32 {
        _ = openFile(on: node, path: path, writable: false)
        let read = readFile(on: node, path: path)
        _ = closeFile(on: node, path: path)
        return read
    }

    fileprivate func advance(_ duration: SimTime) { _ = run(until: now + duration) }

    /// Every copy a client trusts is one the server would call back.
    fileprivate func trustIsRegistered(_ clients: [Int]) -> Bool {
        clients.allSatisfy { client in
            cachedFiles(of: client).allSatisfy { cached in
                !cached.entry.callbackValid || file(atPath: cached.path)?.callbackHolders.contains(client) == true
            }
        }
    }
}

@Suite("File system: callbacks keep session semantics")
struct CallbackConsistencyTests {
    /// A break voids the copy for the next open; the open session keeps what it opened.
    @Test func aBreakLeavesTheOpenSessionItsCopy() throws {
        let (sim, ws) = try callbackRig(clients: 2)
        sim.writeSession(ws[0], "/f", "v1")
        sim.advance(.s(1))
        _ = sim.openFile(on: ws[1], path: "/f", writable: false)
        let first = sim.readFile(on: ws[1], path: nil)
        sim.advance(.s(1))
        sim.writeSession(ws[0], "/f", "v2")
        sim.advance(.s(1))
        #expect(sim.fileSystemStatistics.invalidations == 1)
        let second = sim.readFile(on: ws[1], path: nil)
        _ = sim.closeFile(on: ws[1], path: nil)
        sim.advance(.s(1))
        let next = sim.readSession(ws[1], "/f")
        sim.advance(.s(1))
        #expect(sim.text(ofRead: first) == "v1")
        #expect(sim.text(ofRead: second) == "v1", "the session opened v1 and keeps it")
        #expect(sim.text(ofRead: next) == "v2", "the next open sees the writer's close")
        #expect(sim.trustIsRegistered(ws))
    }

    /// The copy a client holds after a break must not be trusted unless the
    /// server registered it: otherwise a later writer's close skips the client.
    @Test func aCopyKeptAfterABreakIsNotTrustedWithoutAPromise() throws {
        let (sim, ws) = try callbackRig(clients: 3)
        sim.writeSession(ws[0], "/f", "v1")
        sim.advance(.s(1))
        _ = sim.openFile(on: ws[1], path: "/f", writable: false)
        _ = sim.readFile(on: ws[1], path: nil)
        sim.advance(.s(1))
        sim.writeSession(ws[0], "/f", "v2")
        sim.advance(.s(1))
        _ = sim.readFile(on: ws[1], path: nil)
        _ = sim.closeFile(on: ws[1], path: nil)
        sim.advance(.s(1))
        #expect(sim.trustIsRegistered(ws))
        // ws3 writes: the server breaks only the callbacks it holds.
        sim.writeSession(ws[2], "/f", "v3")
        sim.advance(.s(1))
        let read = sim.readSession(ws[1], "/f")
        sim.advance(.s(1))
        #expect(sim.text(ofRead: read) == "v3")
        #expect(sim.trustIsRegistered(ws))
    }

    /// A promise can cross a break: the reader's open is served (and promised)
    /// just before a writer's close, and its reply, slowed by the disk, arrives
    /// after the break. The copy it brings is the one the session opened, but
    /// the server no longer holds the promise: the next open must ask.
    @Test func aPromiseThatCrossedABreakIsVoid() throws {
        let (sim, ws) = try callbackRig(clients: 2)
        let (writer, reader) = (ws[0], ws[1])
        // Created at the server: its blocks are not in the server's cache, so
        // the first read of them goes to the disk.
        _ = sim.createFile(on: writer, path: "/r", size: 4096, directory: false)
        sim.advance(.s(1))
        // The writer does not cache: its write goes straight to the server.
        sim.setClientCache(node: writer, enabled: false)
        _ = sim.openFile(on: reader, path: "/r", writable: false)
        sim.writeSession(writer, "/r", "new")
        sim.advance(.ms(10))
        #expect(sim.fileSystemStatistics.invalidations == 1, "the break left before the open's reply")
        sim.advance(.s(1))
        let old = sim.readFile(on: reader, path: nil)
        _ = sim.closeFile(on: reader, path: nil)
        sim.advance(.s(1))
        #expect(sim.text(ofRead: old) == nil, "the session read the synthetic version it opened")
        #expect(sim.trustIsRegistered(ws))
        let read = sim.readSession(reader, "/r")
        sim.advance(.s(1))
        #expect(sim.text(ofRead: read) == "new")
    }
}
