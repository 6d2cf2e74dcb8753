import Testing
import SpriteKernel

// MARK: - Harness (file-private so it cannot collide with other test files)

/// A cluster with file servers fs1… (32MB, a 20ms disk) and diskless
/// workstations ws1… (8MB), with `/` served by fs1 unless `domain` is false.
private struct FSRig {
    let sim: Simulation
    let servers: [Int]
    let clients: [Int]
    var fs1: Int { servers[0] }
}

private func fsRig(clients: Int = 2, servers: Int = 1, preset: CostPreset = .zero,
                   topology: TopologyKind = .switched, loss: Double = 0, seed: UInt64 = 1,
                   consistency: ConsistencyKind = .sprite, policy: WritePolicyKind = .delayedWrite,
                   domain: Bool = true, tune: (inout FileSystemConfig) -> Void = { _ in }) throws -> FSRig {
    let sim = Simulation(seed: seed, network: NetworkConfig(preset: preset, topology: topology, lossProbability: loss))
    var serverIndices: [Int] = []
    for index in 1...servers {
        let spec = NodeSpec(name: "fs\(index)", role: .server, memoryBytes: 32 << 20,
                            disk: DiskDrive(accessTime: .ms(20), bytesPerSecond: 2_000_000))
        serverIndices.append(try sim.addNode(spec))
    }
    var clientIndices: [Int] = []
    for index in 1...max(1, clients) {
        clientIndices.append(try sim.addNode(NodeSpec(name: "ws\(index)", role: .workstation, memoryBytes: 8 << 20)))
    }
    var config = FileSystemConfig()
    config.consistency = consistency
    config.writePolicy = policy
    tune(&config)
    sim.configureFileSystem(config)
    if domain { sim.setDomain("/", server: serverIndices[0]) }
    return FSRig(sim: sim, servers: serverIndices, clients: clientIndices)
}

private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

extension Simulation {
    /// Runs the engine for `duration` more simulated time.
    fileprivate func fsAdvance(_ duration: SimTime) { _ = run(until: now + duration) }

    fileprivate func fsText(_ content: ContentID?) -> String? {
        guard let content, let bytes = contentBytes(content).bytes else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What `node`'s last read of `path` returned, as text.
    fileprivate func fsLastText(_ node: Int, _ path: String) -> String? { fsText(lastRead(node: node, path: path)) }

    /// open, write TEXT (replacing), close.
    fileprivate func fsWriteSession(_ node: Int, _ path: String, _ text: String) {
        _ = openFile(on: node, path: path, writable: true)
        _ = writeFile(on: node, path: path, text: utf8(text), size: Int64(text.utf8.count), append: false)
        _ = closeFile(on: node, path: path)
    }

    /// open read-only, read, close.
    fileprivate func fsReadSession(_ node: Int, _ path: String) {
        _ = openFile(on: node, path: path, writable: false)
        _ = readFile(on: node, path: path)
        _ = closeFile(on: node, path: path)
    }

    fileprivate func fsRPCs(_ kind: String) -> Int { fileSystemStatistics.rpcs[kind] ?? 0 }
    fileprivate var fsRPCTotal: Int { fileSystemStatistics.rpcs.values.reduce(0, +) }
}

/// A `.fileRead` trace event, flattened.
private struct SeenRead {
    var time: SimTime
    var node: Int
    var path: String
    var text: String?
    var fromCache: Bool
    var unix: Judgement
    var session: Judgement
    var reason: StaleReason?
}

private func seenReads(_ trace: [TraceRecord], _ sim: Simulation) -> [SeenRead] {
    trace.compactMap { record in
        guard case let .fileRead(_, path, _, content, _, _, place, unix, session, reason) = record.event
        else { return nil }
        return SeenRead(time: record.time, node: record.node, path: path, text: sim.fsText(content),
                        fromCache: place.fromCache, unix: unix, session: session, reason: reason)
    }
}

private func openActions(_ trace: [TraceRecord]) -> [(node: Int, action: CacheAction, version: Int)] {
    trace.compactMap { record in
        guard case .fileOpened(_, _, _, _, _, let action, let version) = record.event else { return nil }
        return (record.node, action, version)
    }
}

private func flushes(_ trace: [TraceRecord]) -> [(node: Int, writes: Int, why: FlushReason)] {
    trace.compactMap { record in
        guard case .fileFlushed(_, _, let writes, let why) = record.event else { return nil }
        return (record.node, writes, why)
    }
}

private func isStale(_ judgement: Judgement) -> Bool {
    if case .stale = judgement { return true }
    return false
}

// MARK: - Sprite

@Suite("File system: Sprite consistency")
struct SpriteFileSystemTests {
    @Test func sequentialWriteSharingRecallsDirtyDataAndDropsTheOldVersion() throws {
        let rig = try fsRig(clients: 2)
        let sim = rig.sim
        let (writer, reader) = (rig.clients[0], rig.clients[1])

        sim.fsWriteSession(writer, "/report", "version one")
        sim.fsAdvance(.s(1))
        // Delayed-write: the data is still only in the writer's cache.
        #expect(sim.cachedFiles(of: writer).map(\.entry.dirty) == [true])
        #expect(sim.file(atPath: "/report")?.version == 0)
        #expect(sim.fileSystemStatistics.recalls == 0)

        sim.fsReadSession(reader, "/report")
        sim.fsAdvance(.s(1))
        // The server recalled the dirty data before answering the reader's open.
        #expect(sim.fileSystemStatistics.recalls == 1)
        #expect(sim.fsRPCs("recall") == 1)
        #expect(sim.fsLastText(reader, "/report") == "version one")
        #expect(sim.cachedFiles(of: reader).map(\.entry.version) == [1])
        #expect(sim.cachedFiles(of: writer).map(\.entry.dirty) == [false])
        _ = sim.drainTrace()

        sim.fsWriteSession(writer, "/report", "version two")
        sim.fsAdvance(.s(1))
        #expect(sim.file(atPath: "/report")?.version == 1, "version two is still dirty at the writer")

        sim.fsReadSession(reader, "/report")
        sim.fsAdvance(.s(1))
        let trace = sim.drainTrace()
        #expect(sim.fileSystemStatistics.recalls == 2)
        #expect(sim.file(atPath: "/report")?.version == 2)

        // The recall happened at the server before the reader's open was answered.
        let recallIndex = trace.firstIndex {
            if case .recalled(_, let from, _) = $0.event { from == writer } else { false }
        }
        let openIndex = trace.firstIndex { if case .fileOpened = $0.event { $0.node == reader } else { false } }
        let recall = try #require(recallIndex)
        let open = try #require(openIndex)
        #expect(recall < open)
        #expect(trace[recall].node == rig.fs1)

        // Version check at open: the cached version 1 is dropped.
        let readerOpens = openActions(trace).filter { $0.node == reader }
        #expect(readerOpens.count == 1)
        #expect(readerOpens.first?.action == .droppedStale(cachedVersion: 1, serverVersion: 2))
        #expect(readerOpens.first?.version == 2)

        let reads = seenReads(trace, sim)
        #expect(reads.count == 1)
        #expect(reads.first?.text == "version two")
        #expect(reads.first?.fromCache == false)
        #expect(reads.first?.unix == .fresh)
        #expect(reads.first?.session == .fresh)
        #expect(sim.cachedFiles(of: reader).map(\.entry.version) == [2])
    }

    @Test func reopeningAnUnchangedFileValidatesTheCachedCopy() throws {
        let rig = try fsRig(clients: 2, policy: .writeThrough)
        let sim = rig.sim
        let (writer, reader) = (rig.clients[0], rig.clients[1])
        sim.fsWriteSession(writer, "/f", "same")
        sim.fsAdvance(.s(1))
        sim.fsReadSession(reader, "/f")
        sim.fsAdvance(.s(1))
        _ = sim.drainTrace()
        let reads = sim.fsRPCs("read")
        let opens = sim.fsRPCs("open")

        sim.fsReadSession(reader, "/f")
        sim.fsAdvance(.s(1))
        let trace = sim.drainTrace()
        // Sprite always asks the server at open, but the version matches: no refetch.
        #expect(sim.fsRPCs("open") == opens + 1)
        #expect(sim.fsRPCs("read") == reads)
        #expect(openActions(trace).map(\.action) == [.validated])
        #expect(seenReads(trace, sim).map(\.fromCache) == [true])
        #expect(sim.fsLastText(reader, "/f") == "same")
    }

    @Test func statWithTheFileClosedAsksTheServerUnderCallbacks() throws {
        let rig = try fsRig(clients: 2, consistency: .callbacks, policy: .writeThrough)
        let sim = rig.sim
        let (ws1, ws2) = (rig.clients[0], rig.clients[1])
        sim.fsWriteSession(ws1, "/f", "one")
        _ = sim.run()
        sim.fsWriteSession(ws2, "/f", "three")
        _ = sim.run()
        _ = sim.drainTrace()
        _ = sim.statFile(on: ws1, path: "/f")
        _ = sim.run()
        let stats = sim.drainTrace().compactMap {
            if case .fileStat(_, _, let bytes, let version, _, _) = $0.event { [bytes, Int64(version)] } else { nil }
        }
        #expect(stats == [[5, 2]])
    }

    /// Regression: under Sprite a client answers `stat` from any cached copy, even
    /// with the file closed, so it reports the size and version it cached
    /// long after another client changed the file.
    @Test func statOfAClosedCachedFileIsCurrentUnderSprite() throws {
        let rig = try fsRig(clients: 2, consistency: .sprite, policy: .writeThrough)
        let sim = rig.sim
        let (ws1, ws2) = (rig.clients[0], rig.clients[1])
        sim.fsWriteSession(ws1, "/f", "one")
        _ = sim.run()
        sim.fsWriteSession(ws2, "/f", "three")
        _ = sim.run()
        #expect(sim.file(atPath: "/f")?.version == 2)
        _ = sim.drainTrace()
        _ = sim.statFile(on: ws1, path: "/f")
        _ = sim.run()
        let stats = sim.drainTrace().compactMap {
            if case .fileStat(_, _, let bytes, let version, _, _) = $0.event { [bytes, Int64(version)] } else { nil }
        }
        #expect(stats.count == 1)
        #expect(stats == [[5, 2]])
        
    }

    @Test func concurrentWriteSharingDisablesCachingUntilTheSharingEnds() throws {
        let rig = try fsRig(clients: 2)
        let sim = rig.sim
        let (alice, bob) = (rig.clients[0], rig.clients[1])

        _ = sim.openFile(on: alice, path: "/board", writable: true)
        _ = sim.writeFile(on: alice, path: nil, text: utf8("alice: hello"), size: 12, append: false)
        sim.fsAdvance(.s(1))
        #expect(sim.fileSystemStatistics.cachingDisabled == 0)
        #expect(sim.fsRPCs("write") == 0)
        _ = sim.drainTrace()

        _ = sim.openFile(on: bob, path: "/board", writable: true)
        _ = sim.readFile(on: bob, path: nil)
        _ = sim.writeFile(on: bob, path: nil, text: utf8("bob: hi"), size: 7, append: false)
        sim.fsAdvance(.s(1))
        var trace = sim.drainTrace()
        #expect(sim.fileSystemStatistics.cachingDisabled == 1)
        #expect(sim.isCachingDisabled(node: alice, path: "/board"))
        #expect(sim.isCachingDisabled(node: bob, path: "/board"))
        #expect(openActions(trace).map(\.action) == [.cachingDisabled])
        // Alice's dirty data was written back when caching was disabled, so bob read it.
        #expect(flushes(trace).map(\.why) == [.recall])
        #expect(seenReads(trace, sim).map(\.text) == ["alice: hello"])
        #expect(seenReads(trace, sim).map(\.unix) == [.fresh])
        // Bob's write went through to the server.
        let bobWrites = trace.compactMap {
            if case .fileWritten(_, _, _, _, let toServer) = $0.event { toServer } else { nil }
        }
        #expect(bobWrites == [true])
        // Alice's data came back with the disable-caching reply; only bob's write was a write call.
        #expect(sim.fsRPCs("disable-caching") == 1)
        #expect(sim.fsRPCs("write") == 1)
        #expect(sim.fsText(sim.file(atPath: "/board")?.content) == "bob: hi")

        // Every read during the sharing goes to the server.
        _ = sim.readFile(on: alice, path: nil)
        _ = sim.writeFile(on: alice, path: nil, text: utf8("alice again"), size: 11, append: false)
        sim.fsAdvance(.s(1))
        trace = sim.drainTrace()
        #expect(seenReads(trace, sim).map(\.text) == ["bob: hi"])
        #expect(seenReads(trace, sim).map(\.fromCache) == [false])
        #expect(sim.fsRPCs("write") == 2, "alice's write during sharing goes through")
        #expect(sim.fileSystemStatistics.clientHits == 0)

        _ = sim.closeFile(on: alice, path: nil)
        _ = sim.closeFile(on: bob, path: nil)
        sim.fsAdvance(.s(1))
        trace = sim.drainTrace()
        #expect(trace.contains { if case .cachingEnabled = $0.event { true } else { false } })
        #expect(!sim.isCachingDisabled(node: alice, path: "/board"))
        #expect(!sim.isCachingDisabled(node: bob, path: "/board"))

        // Caching works again: a second read in a session is a cache hit.
        _ = sim.openFile(on: alice, path: "/board", writable: false)
        _ = sim.readFile(on: alice, path: nil)
        _ = sim.readFile(on: alice, path: nil)
        _ = sim.closeFile(on: alice, path: nil)
        sim.fsAdvance(.s(1))
        trace = sim.drainTrace()
        let reads = seenReads(trace, sim)
        #expect(reads.map(\.text) == ["alice again", "alice again"])
        #expect(reads.map(\.fromCache) == [false, true])
        #expect(reads.allSatisfy { $0.unix == .fresh })
        #expect(sim.fileSystemStatistics.clientHits == 1)
        #expect(sim.fileSystemStatistics.cachingDisabled == 1)
    }

    /// "For simplicity, Sprite does not re-enable caching for files that are
    /// already open" (Nelson, Welch and Ousterhout 1988): alice had the file
    /// open while caching was disabled, so her session keeps reading from the
    /// server after the sharing ends; her next open caches again.
    @Test func aFileOpenWhileCachingWasDisabledStaysUncachedUntilItCloses() throws {
        let rig = try fsRig(clients: 2)
        let sim = rig.sim
        let (alice, bob) = (rig.clients[0], rig.clients[1])
        _ = sim.openFile(on: alice, path: "/board", writable: true)
        _ = sim.writeFile(on: alice, path: nil, text: utf8("A"), size: 1, append: false)
        sim.fsAdvance(.s(1))
        sim.fsWriteSession(bob, "/board", "B")
        sim.fsAdvance(.s(1))
        var trace = sim.drainTrace()
        #expect(trace.contains { if case .cachingEnabled = $0.event { true } else { false } })
        #expect(sim.isCachingDisabled(node: alice, path: "/board"), "still open on alice")
        #expect(!sim.isCachingDisabled(node: bob, path: "/board"))

        let reads = sim.fsRPCs("read")
        _ = sim.readFile(on: alice, path: nil)
        _ = sim.readFile(on: alice, path: nil)
        _ = sim.closeFile(on: alice, path: nil)
        sim.fsAdvance(.s(1))
        trace = sim.drainTrace()
        #expect(seenReads(trace, sim).map(\.text) == ["B", "B"])
        #expect(seenReads(trace, sim).map(\.fromCache) == [false, false])
        #expect(sim.fsRPCs("read") == reads + 2)
        #expect(!sim.isCachingDisabled(node: alice, path: "/board"), "the session that saw it disabled is over")

        _ = sim.openFile(on: alice, path: "/board", writable: false)
        _ = sim.readFile(on: alice, path: nil)
        _ = sim.readFile(on: alice, path: nil)
        _ = sim.closeFile(on: alice, path: nil)
        sim.fsAdvance(.s(1))
        trace = sim.drainTrace()
        #expect(seenReads(trace, sim).map(\.fromCache) == [false, true], "a new open caches again")
    }

    /// A recall is the server getting the last writer's dirty blocks back at its
    /// request: when it disables caching as well as before an open. Each is
    /// printed as a recall and counted in `stats.recalls`.
    @Test func everyPrintedRecallIsCounted() throws {
        let rig = try fsRig(clients: 3)
        let sim = rig.sim
        let (ws1, ws2, ws3) = (rig.clients[0], rig.clients[1], rig.clients[2])
        // Concurrent write-sharing: ws1's dirty data comes back with the disable-caching reply.
        _ = sim.openFile(on: ws1, path: "/c", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: utf8("1"), size: 1, append: false)
        sim.fsAdvance(.s(1))
        _ = sim.openFile(on: ws2, path: "/c", writable: false)
        sim.fsAdvance(.s(1))
        #expect(sim.fileSystemStatistics.recalls == 1)
        #expect(sim.fsRPCs("recall") == 0)
        _ = sim.closeFile(on: ws1, path: nil)
        _ = sim.closeFile(on: ws2, path: nil)
        // Sequential write-sharing: ws2 writes and closes, ws3's open recalls the data.
        sim.fsWriteSession(ws2, "/s", "2")
        sim.fsAdvance(.s(1))
        sim.fsReadSession(ws3, "/s")
        sim.fsAdvance(.s(1))
        #expect(sim.fileSystemStatistics.recalls == 2)
        #expect(sim.fsRPCs("recall") == 1)
        let printed = sim.drainTrace().filter {
            switch $0.event {
            case .recalled: true
            case .fileFlushed(_, _, _, let why): why == .recall
            default: false
            }
        }
        #expect(printed.count == sim.fileSystemStatistics.recalls)
    }

    /// Regression: a client that keeps the file open through a period of concurrent
    /// write-sharing keeps its old (flushed) cached copy; when the other
    /// writer closes and caching is enabled again, the next read uses that
    /// old copy and returns stale data under Sprite.
    @Test func readAfterWriteSharingEndsSeesTheOtherWritersData() throws {
        let rig = try fsRig(clients: 2)
        let sim = rig.sim
        let (alice, bob) = (rig.clients[0], rig.clients[1])
        _ = sim.openFile(on: alice, path: "/board", writable: true)
        _ = sim.writeFile(on: alice, path: nil, text: utf8("A"), size: 1, append: false)
        sim.fsAdvance(.s(1))
        sim.fsWriteSession(bob, "/board", "B")
        sim.fsAdvance(.s(1))
        #expect(sim.fsText(sim.file(atPath: "/board")?.content) == "B")
        _ = sim.drainTrace()
        _ = sim.readFile(on: alice, path: nil)
        _ = sim.closeFile(on: alice, path: nil)
        sim.fsAdvance(.s(1))
        let reads = seenReads(sim.drainTrace(), sim)
        #expect(reads.count == 1)
        #expect(reads.first?.text == "B")
        #expect(reads.first?.unix == .fresh)
        
    }

    /// Regression: the open that starts concurrent write-sharing is answered before
    /// the current writer's dirty blocks are back at the server; on a switched
    /// network a read right after that open overtakes the write-back.
    @Test func openThatStartsWriteSharingWaitsForTheWritersDirtyData() throws {
        let rig = try fsRig(clients: 2, preset: .sprite1988, topology: .switched)
        let sim = rig.sim
        let (alice, bob) = (rig.clients[0], rig.clients[1])
        _ = sim.openFile(on: alice, path: "/board", writable: true)
        _ = sim.writeFile(on: alice, path: nil, text: nil, size: 200 << 10, append: false)
        sim.fsAdvance(.s(1))
        _ = sim.drainTrace()
        sim.fsReadSession(bob, "/board")
        sim.fsAdvance(.s(2))
        let reads = seenReads(sim.drainTrace(), sim)
        #expect(reads.count == 1)
        #expect(sim.fileSystemStatistics.cachingDisabled == 1)
        #expect(reads.first?.unix == .fresh)
        #expect(sim.contentBytes(sim.lastRead(node: bob, path: "/board") ?? 0).size == 200 << 10)
        
    }

    /// Regression: the server keeps a crashed client's open sessions, so after the
    /// client crashed (and even restarted) every other client's open of the
    /// file is treated as concurrent write-sharing.
    @Test func aCrashedWritersOpenDoesNotCauseWriteSharingLater() throws {
        let rig = try fsRig(clients: 2)
        let sim = rig.sim
        let (ws1, ws2) = (rig.clients[0], rig.clients[1])
        _ = sim.openFile(on: ws1, path: "/f", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: utf8("x"), size: 1, append: false)
        sim.fsAdvance(.s(1))
        sim.crash(ws1)
        sim.fsAdvance(.s(1))
        sim.restart(ws1)
        sim.fsReadSession(ws2, "/f")
        sim.fsAdvance(.s(1))
        sim.fsReadSession(ws2, "/f")
        sim.fsAdvance(.s(1))
        #expect(sim.crashLosses.count == 1)
        #expect(sim.fileSystemStatistics.cachingDisabled == 0)
        #expect(!sim.isCachingDisabled(node: ws2, path: "/f"))
        
    }
}

// MARK: - NFS

@Suite("File system: NFS consistency")
struct NFSFileSystemTests {
    @Test func aReadWithinTheTimeoutUsesTheCacheThenRevalidatesAfterIt() throws {
        let rig = try fsRig(clients: 2, consistency: .nfs, policy: .writeThrough) {
            $0.fileTimeoutMin = .s(3)
            $0.fileTimeoutMax = .s(3)
        }
        let sim = rig.sim
        let (ws1, ws2) = (rig.clients[0], rig.clients[1])
        sim.fsWriteSession(ws1, "/n", "v1")
        sim.fsAdvance(.ms(100))
        sim.fsReadSession(ws2, "/n")
        sim.fsAdvance(.ms(100))
        #expect(sim.fsLastText(ws2, "/n") == "v1")
        sim.fsWriteSession(ws1, "/n", "v2")
        sim.fsAdvance(.ms(100))
        #expect(sim.fsText(sim.file(atPath: "/n")?.content) == "v2")
        _ = sim.drainTrace()
        let opens = sim.fsRPCs("open")

        // Within 3s: the open and the read trust the cache.
        _ = sim.openFile(on: ws2, path: "/n", writable: false)
        _ = sim.readFile(on: ws2, path: nil)
        sim.fsAdvance(.ms(100))
        var trace = sim.drainTrace()
        #expect(sim.fsRPCs("open") == opens)
        #expect(openActions(trace).map(\.action) == [.usedWithoutCheck])
        var reads = seenReads(trace, sim)
        #expect(reads.map(\.text) == ["v1"])
        #expect(reads.map(\.fromCache) == [true])
        #expect(reads.first.map { isStale($0.unix) } == true)
        guard case .cachedWithinTimeout(let version, let age, let timeout)? = reads.first?.reason else {
            Issue.record("expected .cachedWithinTimeout, got \(String(describing: reads.first?.reason))")
            return
        }
        #expect(version == 1)
        #expect(timeout == .s(3))
        #expect(age < .s(3) && age > .zero)

        // Past the timeout, inside the same session: a getattr, then the new data.
        sim.fsAdvance(.s(4))
        let getattrs = sim.fsRPCs("getattr")
        _ = sim.readFile(on: ws2, path: nil)
        _ = sim.closeFile(on: ws2, path: nil)
        sim.fsAdvance(.ms(100))
        trace = sim.drainTrace()
        #expect(sim.fsRPCs("getattr") == getattrs + 1)
        reads = seenReads(trace, sim)
        #expect(reads.map(\.text) == ["v2"])
        #expect(reads.map(\.fromCache) == [false])
        #expect(reads.map(\.unix) == [.fresh])
        #expect(reads.first?.reason == nil)
        #expect(sim.cachedFiles(of: ws2).map(\.entry.version) == [2])
    }

    @Test func anExpiredCopyIsRevalidatedAtOpenAndKeptWhenUnchanged() throws {
        let rig = try fsRig(clients: 2, consistency: .nfs, policy: .writeThrough)
        let sim = rig.sim
        let (ws1, ws2) = (rig.clients[0], rig.clients[1])
        sim.fsWriteSession(ws1, "/n", "steady")
        sim.fsAdvance(.s(1))
        sim.fsReadSession(ws2, "/n")
        sim.fsAdvance(.s(40))
        _ = sim.drainTrace()
        let reads = sim.fsRPCs("read")
        sim.fsReadSession(ws2, "/n")
        sim.fsAdvance(.s(1))
        let trace = sim.drainTrace()
        #expect(openActions(trace).map(\.action) == [.validated])
        #expect(sim.fsRPCs("read") == reads, "an unchanged file is not fetched again")
        #expect(seenReads(trace, sim).map(\.fromCache) == [true])
        #expect(seenReads(trace, sim).map(\.unix) == [.fresh])
    }

    @Test func theAdaptiveTimeoutIsATenthOfTheAgeClampedToMinAndMax() {
        let config = FileSystemConfig()
        #expect(config.fileTimeoutMin == .s(3))
        #expect(config.fileTimeoutMax == .s(30))
        // Young files get the minimum…
        #expect(config.attributeTimeout(now: .s(10), modified: .zero, directory: false) == .s(3))
        #expect(config.attributeTimeout(now: .s(5), modified: .s(5), directory: false) == .s(3))
        // …a clock behind the modification time is no negative age…
        #expect(config.attributeTimeout(now: .s(1), modified: .s(5), directory: false) == .s(3))
        // …then a tenth of the age…
        #expect(config.attributeTimeout(now: .s(100), modified: .zero, directory: false) == .s(10))
        #expect(config.attributeTimeout(now: .s(250), modified: .s(50), directory: false) == .s(20))
        // …up to the maximum.
        #expect(config.attributeTimeout(now: .s(1000), modified: .zero, directory: false) == .s(30))
        // Directories have their own bounds.
        #expect(config.attributeTimeout(now: .s(100), modified: .zero, directory: true) == .s(30))
        #expect(config.attributeTimeout(now: .s(450), modified: .zero, directory: true) == .s(45))
        #expect(config.attributeTimeout(now: .s(5000), modified: .zero, directory: true) == .s(60))
        // It never shrinks as the file ages.
        var previous = SimTime.zero
        for seconds in stride(from: Int64(0), through: 600, by: 7) {
            let timeout = config.attributeTimeout(now: .s(seconds), modified: .zero, directory: false)
            #expect(timeout >= previous)
            #expect(timeout >= config.fileTimeoutMin && timeout <= config.fileTimeoutMax)
            previous = timeout
        }
        var fixed = FileSystemConfig()
        fixed.fileTimeoutMin = .s(7)
        fixed.fileTimeoutMax = .s(7)
        #expect(fixed.attributeTimeout(now: .s(1000), modified: .zero, directory: false) == .s(7))
    }

    @Test func anOldFileGetsALongerTimeoutInARun() throws {
        let rig = try fsRig(clients: 2, consistency: .nfs, policy: .writeThrough)
        let sim = rig.sim
        let (ws1, ws2) = (rig.clients[0], rig.clients[1])
        sim.fsWriteSession(ws1, "/old", "old")
        _ = sim.run(until: .s(200))
        sim.fsReadSession(ws2, "/old")
        _ = sim.run(until: .s(201))
        sim.fsWriteSession(ws1, "/old", "new")
        _ = sim.run(until: .s(210))
        _ = sim.drainTrace()
        sim.fsReadSession(ws2, "/old")
        _ = sim.run(until: .s(211))
        var reads = seenReads(sim.drainTrace(), sim)
        // 10s after validation: beyond the 3s minimum, but the file was ~210s
        // old when cached, so its timeout is ~21s.
        #expect(reads.map(\.text) == ["old"])
        guard case .cachedWithinTimeout(_, let age, let timeout)? = reads.first?.reason else {
            Issue.record("expected .cachedWithinTimeout, got \(String(describing: reads.first?.reason))")
            return
        }
        #expect(age > .s(9) && age < .s(11))
        #expect(timeout > .s(20) && timeout < .s(22))

        _ = sim.run(until: .s(240))
        sim.fsReadSession(ws2, "/old")
        _ = sim.run(until: .s(241))
        reads = seenReads(sim.drainTrace(), sim)
        #expect(reads.map(\.text) == ["new"])
        #expect(reads.map(\.unix) == [.fresh])
    }

    @Test func dirtyDataGoesBackOnCloseWhateverThePolicy() throws {
        let rig = try fsRig(clients: 1, consistency: .nfs, policy: .delayedWrite)
        let sim = rig.sim
        let ws1 = rig.clients[0]
        _ = sim.openFile(on: ws1, path: "/n", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: utf8("x"), size: 1, append: false)
        _ = sim.writeFile(on: ws1, path: nil, text: utf8("y"), size: 1, append: true)
        sim.fsAdvance(.s(1))
        #expect(sim.fsRPCs("write") == 0)
        #expect(sim.cachedFiles(of: ws1).map(\.entry.dirty) == [true])
        _ = sim.drainTrace()
        _ = sim.closeFile(on: ws1, path: nil)
        sim.fsAdvance(.s(1))
        #expect(sim.now < .s(30), "long before the delayed-write daemon")
        #expect(sim.fsRPCs("write") == 1)
        #expect(sim.fsRPCs("close") == 0, "NFS servers do not hear about closes")
        let flushed = flushes(sim.drainTrace())
        #expect(flushed.map(\.why) == [.close])
        #expect(flushed.map(\.writes) == [2])
        #expect(sim.fsText(sim.file(atPath: "/n")?.content) == "xy")
        #expect(sim.cachedFiles(of: ws1).map(\.entry.dirty) == [false])
    }
}

// MARK: - Callbacks and no consistency

@Suite("File system: callbacks and no consistency")
struct CallbackFileSystemTests {
    @Test func aWritersCloseInvalidatesTheOtherCachers() throws {
        let rig = try fsRig(clients: 3, consistency: .callbacks, policy: .delayedWrite)
        let sim = rig.sim
        let (ws1, ws2, ws3) = (rig.clients[0], rig.clients[1], rig.clients[2])
        sim.fsWriteSession(ws1, "/c", "c1")
        sim.fsAdvance(.s(1))
        sim.fsReadSession(ws2, "/c")
        sim.fsReadSession(ws3, "/c")
        sim.fsAdvance(.s(1))
        #expect(sim.fileSystemStatistics.invalidations == 0)
        #expect(sim.cachedFiles(of: ws2).count == 1)

        // The writer writes but has not closed: others still trust their copy.
        _ = sim.openFile(on: ws1, path: "/c", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: utf8("c2"), size: 2, append: false)
        sim.fsAdvance(.s(1))
        _ = sim.drainTrace()
        let opens = sim.fsRPCs("open")
        sim.fsReadSession(ws2, "/c")
        sim.fsAdvance(.s(1))
        var trace = sim.drainTrace()
        #expect(sim.fsRPCs("open") == opens, "a copy with a callback is opened without asking")
        var reads = seenReads(trace, sim)
        #expect(reads.map(\.text) == ["c1"])
        #expect(reads.first?.reason == .callbackNotBroken(version: 1))

        _ = sim.closeFile(on: ws1, path: nil)
        sim.fsAdvance(.s(1))
        trace = sim.drainTrace()
        #expect(sim.fileSystemStatistics.invalidations == 2)
        #expect(sim.fsRPCs("callback") == 2)
        let invalidated = trace.compactMap { if case .invalidated = $0.event { $0.node } else { nil } }
        #expect(invalidated.sorted() == [ws2, ws3])
        #expect(sim.cachedFiles(of: ws2).isEmpty)
        #expect(sim.cachedFiles(of: ws3).isEmpty)
        #expect(sim.cachedFiles(of: ws1).map(\.entry.version) == [2])

        sim.fsReadSession(ws2, "/c")
        sim.fsAdvance(.s(1))
        trace = sim.drainTrace()
        #expect(openActions(trace).map(\.action) == [.miss])
        reads = seenReads(trace, sim)
        #expect(reads.map(\.text) == ["c2"])
        // Whole-file caching: the open brought the new version, the read uses it.
        #expect(reads.map(\.fromCache) == [true])
        #expect(reads.map(\.unix) == [.fresh])
        #expect(reads.map(\.session) == [.fresh])
    }

    @Test func noConsistencyNeverChecksACachedCopy() throws {
        let rig = try fsRig(clients: 2, consistency: .none, policy: .writeThrough)
        let sim = rig.sim
        let (ws1, ws2) = (rig.clients[0], rig.clients[1])
        sim.fsWriteSession(ws1, "/x", "v1")
        sim.fsAdvance(.s(1))
        sim.fsReadSession(ws2, "/x")
        sim.fsAdvance(.s(1))
        sim.fsWriteSession(ws1, "/x", "v2")
        sim.fsAdvance(.s(1))
        #expect(sim.fsText(sim.file(atPath: "/x")?.content) == "v2")
        _ = sim.drainTrace()
        let rpcs = sim.fsRPCTotal
        for _ in 0..<3 {
            _ = sim.run(until: sim.now + .s(1000))
            sim.fsReadSession(ws2, "/x")
        }
        sim.fsAdvance(.s(1))
        let trace = sim.drainTrace()
        #expect(sim.fsRPCTotal == rpcs, "not one call to the server")
        #expect(openActions(trace).map(\.action) == [.usedWithoutCheck, .usedWithoutCheck, .usedWithoutCheck])
        let reads = seenReads(trace, sim)
        #expect(reads.map(\.text) == ["v1", "v1", "v1"])
        #expect(reads.allSatisfy { isStale($0.unix) })
        #expect(reads.allSatisfy { $0.reason == .cacheNeverChecked(version: 1) })
    }
}

// MARK: - Write policies and crashes

@Suite("File system: write policies")
struct WritePolicyFileSystemTests {
    private func threeWrites(_ policy: WritePolicyKind) throws -> (Simulation, Int) {
        let rig = try fsRig(clients: 1, policy: policy)
        let sim = rig.sim
        let ws1 = rig.clients[0]
        _ = sim.openFile(on: ws1, path: "/log", writable: true)
        sim.fsAdvance(.s(1))
        for line in ["a", "b", "c"] {
            _ = sim.writeFile(on: ws1, path: nil, text: utf8(line), size: 1, append: true)
        }
        sim.fsAdvance(.s(1))
        return (sim, ws1)
    }

    @Test func writeThroughSendsEveryWrite() throws {
        let (sim, ws1) = try threeWrites(.writeThrough)
        #expect(sim.fsRPCs("write") == 3)
        #expect(sim.file(atPath: "/log")?.version == 3)
        #expect(sim.fsText(sim.file(atPath: "/log")?.content) == "abc")
        #expect(sim.cachedFiles(of: ws1).map(\.entry.dirty) == [false])
        let toServer = sim.drainTrace().compactMap {
            if case .fileWritten(_, _, _, _, let t) = $0.event { t } else { nil }
        }
        #expect(toServer == [true, true, true])
        _ = sim.closeFile(on: ws1, path: nil)
        sim.fsAdvance(.s(1))
        #expect(sim.fsRPCs("write") == 3, "nothing left to write at close")
    }

    @Test func writeOnCloseSendsTheDataAtClose() throws {
        let (sim, ws1) = try threeWrites(.writeOnClose)
        #expect(sim.fsRPCs("write") == 0)
        #expect(sim.file(atPath: "/log")?.version == 0)
        _ = sim.drainTrace()
        _ = sim.closeFile(on: ws1, path: nil)
        sim.fsAdvance(.s(1))
        #expect(sim.fsRPCs("write") == 1)
        let flushed = flushes(sim.drainTrace())
        #expect(flushed.map(\.why) == [.close])
        #expect(flushed.map(\.writes) == [3])
        #expect(sim.fsText(sim.file(atPath: "/log")?.content) == "abc")
    }

    @Test func delayedWriteReachesTheServerOnlyWhenTheDaemonFindsItOldEnough() throws {
        let (sim, ws1) = try threeWrites(.delayedWrite)
        _ = sim.closeFile(on: ws1, path: nil)
        sim.fsAdvance(.s(1))
        let writtenAt = try #require(sim.cachedFiles(of: ws1).first?.entry.dirtySince)
        #expect(writtenAt >= .s(1) && writtenAt < .s(2))
        _ = sim.drainTrace()
        // The daemon wakes at 30s, but the data is only ~29s old then.
        _ = sim.run(until: .s(59))
        #expect(sim.fsRPCs("write") == 0)
        #expect(sim.file(atPath: "/log")?.version == 0)
        #expect(sim.cachedFiles(of: ws1).map(\.entry.dirty) == [true])
        _ = sim.run(until: .s(61))
        #expect(sim.fsRPCs("write") == 1)
        let server = try #require(sim.file(atPath: "/log"))
        #expect(server.version == 1)
        #expect(server.modified >= .s(60) && server.modified < .s(61))
        #expect(sim.fsText(server.content) == "abc")
        let flushed = flushes(sim.drainTrace())
        #expect(flushed.map(\.why) == [.daemon])
        #expect(flushed.map(\.writes) == [3])
        // Nothing dirty left: the daemon stops and the run goes idle.
        #expect(sim.run() == .idle)
        #expect(sim.fsRPCs("write") == 1)
    }

    @Test func theFlushAgeDecidesWhenDataGoesBack() throws {
        let rig = try fsRig(clients: 1, policy: .delayedWrite) {
            $0.flushInterval = .s(5)
            $0.flushAge = .s(5)
        }
        let sim = rig.sim
        let ws1 = rig.clients[0]
        _ = sim.run(until: .s(1))
        sim.fsWriteSession(ws1, "/quick", "q")
        _ = sim.run(until: .s(9))
        #expect(sim.fsRPCs("write") == 0)
        _ = sim.run(until: .s(11))
        #expect(sim.fsRPCs("write") == 1)
        #expect(sim.file(atPath: "/quick")?.modified ?? .zero >= .s(10))
    }

    @Test func dataWrittenAndDeletedBeforeAFlushNeverReachesTheServer() throws {
        let rig = try fsRig(clients: 1, policy: .delayedWrite)
        let sim = rig.sim
        let ws1 = rig.clients[0]
        _ = sim.openFile(on: ws1, path: "/scratch", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: nil, size: 64 << 10, append: false)
        _ = sim.closeFile(on: ws1, path: nil)
        let delete = sim.deleteFile(on: ws1, path: "/scratch")
        _ = sim.run()
        #expect(sim.operation(delete)?.status == .done)
        #expect(sim.fileSystemStatistics.bytesNeverWritten == 64 << 10)
        #expect(sim.fileSystemStatistics.bytesToServer == 0)
        #expect(sim.fsRPCs("write") == 0)
        #expect(sim.file(atPath: "/scratch") == nil)
        #expect(sim.cachedFiles(of: ws1).isEmpty)
        let deleted = sim.drainTrace().compactMap {
            if case .fileDeleted(_, _, let never) = $0.event { never } else { nil }
        }
        #expect(deleted == [64 << 10])
    }

    @Test func writeThroughDataDeletedLaterWasWrittenAnyway() throws {
        let rig = try fsRig(clients: 1, policy: .writeThrough)
        let sim = rig.sim
        let ws1 = rig.clients[0]
        _ = sim.openFile(on: ws1, path: "/scratch", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: nil, size: 8 << 10, append: false)
        _ = sim.closeFile(on: ws1, path: nil)
        _ = sim.deleteFile(on: ws1, path: "/scratch")
        _ = sim.run()
        #expect(sim.fileSystemStatistics.bytesNeverWritten == 0)
        #expect(sim.fileSystemStatistics.bytesToServer == 8 << 10)
    }

    @Test func aClientCrashLosesExactlyTheUnflushedWrites() throws {
        let rig = try fsRig(clients: 2, policy: .delayedWrite)
        let sim = rig.sim
        let (ws1, ws2) = (rig.clients[0], rig.clients[1])
        // /safe is written and synced; /lost is written twice and left dirty.
        _ = sim.run(until: .s(1))
        sim.fsWriteSession(ws1, "/safe", "kept")
        _ = sim.syncFiles(on: ws1)
        _ = sim.run(until: .s(2))
        _ = sim.openFile(on: ws1, path: "/lost", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: utf8("one"), size: 3, append: false)
        _ = sim.writeFile(on: ws1, path: nil, text: utf8(" two"), size: 4, append: true)
        sim.fsWriteSession(ws2, "/other", "elsewhere")
        _ = sim.run(until: .s(10))
        #expect(sim.crashLosses.isEmpty)
        _ = sim.drainTrace()
        sim.crash(ws1)
        _ = sim.run(until: .s(11))

        let writes = sim.fileHistory.filter {
            if case .write = $0.kind { $0.node == ws1 && sim.file($0.file).path == "/lost" } else { false }
        }
        #expect(writes.count == 2)
        let losses = sim.crashLosses
        #expect(losses.map(\.writeEvent) == writes.map(\.id))
        #expect(losses.allSatisfy { $0.node == ws1 && $0.path == "/lost" && $0.crashedAt == .s(10) })
        #expect(losses.map(\.writtenAt) == writes.map(\.start))
        let traced = sim.drainTrace().compactMap {
            if case .writesLost(let node, let l) = $0.event { (node, l) } else { nil }
        }
        #expect(traced.count == 1)
        #expect(traced.first?.0 == ws1)
        #expect(traced.first?.1 == losses)
        #expect(sim.fsText(sim.file(atPath: "/safe")?.content) == "kept")
        #expect(sim.file(atPath: "/lost")?.version == 0)
        // ws2 did not crash: its dirty data is not a loss.
        #expect(!losses.contains { $0.node == ws2 })
    }

    @Test func writeThroughLosesNothingInACrash() throws {
        let rig = try fsRig(clients: 1, policy: .writeThrough)
        let sim = rig.sim
        let ws1 = rig.clients[0]
        _ = sim.openFile(on: ws1, path: "/draft", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: utf8("half"), size: 4, append: false)
        _ = sim.run(until: .s(2))
        sim.crash(ws1)
        _ = sim.run(until: .s(3))
        #expect(sim.crashLosses.isEmpty)
        #expect(sim.fsText(sim.file(atPath: "/draft")?.content) == "half")
    }

    /// Regression: a write-back clears the client's record of unflushed writes when
    /// it starts, so a crash while the write-back is still on the wire loses
    /// the data (it never reaches the server) without listing it.
    @Test func aCrashDuringAWriteBackListsTheWriteAsLost() throws {
        let rig = try fsRig(clients: 1, preset: .sprite1988, policy: .writeOnClose)
        let sim = rig.sim
        let ws1 = rig.clients[0]
        _ = sim.openFile(on: ws1, path: "/big", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: nil, size: 1 << 20, append: false)
        _ = sim.run(until: .s(1))
        _ = sim.closeFile(on: ws1, path: nil)
        _ = sim.run(until: .ms(1300))      // 1MB at 10Mbit/s takes ~0.8s
        sim.crash(ws1)
        _ = sim.run(until: .s(5))
        #expect(sim.file(atPath: "/big")?.version == 0, "the data never reached the server")
        #expect(sim.crashLosses.count == 1)
        
    }
}

// MARK: - Naming

@Suite("File system: naming")
struct NamespaceFileSystemTests {
    private func prefixes(_ sim: Simulation, _ node: Int) -> [String] {
        sim.prefixTable(of: node).map { "\($0.prefix)=\(sim.nodeName($0.entry.server))" }
    }

    @Test func prefixTablesAreLearnedByBroadcastAndRepairedWhenADomainMoves() throws {
        let rig = try fsRig(clients: 1, servers: 3, policy: .writeThrough)
        let sim = rig.sim
        let ws1 = rig.clients[0]
        let (fs1, fs2, fs3) = (rig.servers[0], rig.servers[1], rig.servers[2])
        sim.setDomain("/users", server: fs2)
        #expect(sim.prefixTable(of: ws1).isEmpty)

        sim.fsWriteSession(ws1, "/users/jack/notes", "hello")
        _ = sim.run()
        #expect(sim.fileSystemStatistics.broadcasts == 1)
        #expect(sim.fsRPCs("broadcast") == 3, "one call per server")
        #expect(prefixes(sim, ws1) == ["/users=fs2"])
        #expect(sim.file(atPath: "/users/jack/notes")?.server == fs2)

        // A hit needs no broadcast; another subtree does.
        let hit = sim.resolvePath(on: ws1, path: "/users/jack/notes")
        _ = sim.run()
        #expect(sim.operation(hit)?.status == .done)
        #expect(sim.fileSystemStatistics.broadcasts == 1)
        sim.fsWriteSession(ws1, "/etc/passwd", "root")
        _ = sim.run()
        #expect(sim.fileSystemStatistics.broadcasts == 2)
        #expect(prefixes(sim, ws1) == ["/=fs1", "/users=fs2"])
        #expect(sim.file(atPath: "/etc/passwd")?.server == fs1)

        sim.setDomain("/users", server: fs3)
        #expect(sim.file(atPath: "/users/jack/notes")?.server == fs3, "the domain's files moved with it")
        #expect(prefixes(sim, ws1) == ["/=fs1", "/users=fs2"], "the client's hint is stale until it is used")
        _ = sim.drainTrace()
        sim.fsWriteSession(ws1, "/users/jack/other", "moved")
        _ = sim.run()
        let trace = sim.drainTrace()
        #expect(sim.fileSystemStatistics.stalePrefixes == 1)
        #expect(sim.fileSystemStatistics.broadcasts == 3)
        #expect(prefixes(sim, ws1) == ["/=fs1", "/users=fs3"])
        let stale = trace.compactMap {
            if case .stalePrefix(_, let prefix, let server) = $0.event {
                "\(prefix)=\(sim.nodeName(server))"
            } else {
                nil
            }
        }
        #expect(stale == ["/users=fs2"])
        #expect(sim.file(atPath: "/users/jack/other")?.server == fs3)
        #expect(sim.fsText(sim.file(atPath: "/users/jack/other")?.content) == "moved")
        // Further accesses use the repaired hint.
        sim.fsReadSession(ws1, "/users/jack/notes")
        _ = sim.run()
        #expect(sim.fileSystemStatistics.broadcasts == 3)
        #expect(sim.fileSystemStatistics.stalePrefixes == 1)
        #expect(sim.fsLastText(ws1, "/users/jack/notes") == "hello")
    }

    @Test func aPathNoDomainCoversFailsWithNoServer() throws {
        let rig = try fsRig(clients: 1, domain: false)
        let sim = rig.sim
        let op = sim.openFile(on: rig.clients[0], path: "/nowhere", writable: true)
        #expect(sim.run() == .idle)
        #expect(sim.operation(op)?.status == .failed(.noServer(path: "/nowhere")))
        #expect(sim.fileSystemStatistics.broadcasts == 0)
    }

    @Test func twoMountPointsNameTheSameFile() throws {
        let rig = try fsRig(clients: 2, consistency: .nfs, policy: .writeThrough, domain: false)
        let sim = rig.sim
        let (ws1, ws2, fs1) = (rig.clients[0], rig.clients[1], rig.fs1)
        sim.export("/export/home", on: fs1)
        let m1 = sim.mount(on: ws1, server: fs1, remote: "/export/home", at: "/home")
        let m2 = sim.mount(on: ws2, server: fs1, remote: "/export/home", at: "/users")
        _ = sim.run()
        #expect(sim.operation(m1)?.status == .done)
        #expect(sim.operation(m2)?.status == .done)
        #expect(sim.fsRPCs("mount") == 2)
        #expect(sim.mounts(of: ws1).map(\.point) == ["/home"])
        #expect(sim.mounts(of: ws2).map(\.point) == ["/users"])
        #expect(sim.mounts(of: ws2).first.map { [$0.mount.server, $0.mount.automounted ? 1 : 0] } == [fs1, 0])
        #expect(sim.mounts(of: ws2).first?.mount.remotePath == "/export/home")
        #expect(sim.canonicalPath("/home/jack/todo", node: ws1) == "/fs1/export/home/jack/todo")
        #expect(sim.canonicalPath("/users/jack/todo", node: ws2) == "/fs1/export/home/jack/todo")

        sim.fsWriteSession(ws1, "/home/jack/todo", "write the report")
        _ = sim.run()
        sim.fsReadSession(ws2, "/users/jack/todo")
        _ = sim.run()
        #expect(sim.fsLastText(ws2, "/fs1/export/home/jack/todo") == "write the report")
        let write = try #require(sim.fileHistory.first { if case .write = $0.kind { true } else { false } })
        let read = try #require(sim.fileHistory.first { if case .read = $0.kind { true } else { false } })
        #expect(write.node == ws1 && read.node == ws2)
        #expect(write.file == read.file, "one file under two names")
        #expect(sim.files.map(\.path) == ["/fs1/export/home/jack", "/fs1/export/home/jack/todo"])
        #expect(sim.fileSystemStatistics.broadcasts == 0, "NFS names carry their server")
    }

    @Test func mountingAPathThatIsNotExportedFails() throws {
        let rig = try fsRig(clients: 1, consistency: .nfs, domain: false)
        let sim = rig.sim
        let (ws1, fs1) = (rig.clients[0], rig.fs1)
        sim.export("/export/home", on: fs1)
        let bad = sim.mount(on: ws1, server: fs1, remote: "/etc", at: "/etc")
        let inside = sim.mount(on: ws1, server: fs1, remote: "/export/home/jack", at: "/jack")
        _ = sim.run()
        #expect(sim.operation(bad)?.status == .failed(.notExported(path: "/etc", server: fs1)))
        #expect(sim.operation(inside)?.status == .done, "a directory inside an export may be mounted")
        #expect(sim.mounts(of: ws1).map(\.point) == ["/jack"])
    }

    @Test func theAutomounterMountsOnFirstAccess() throws {
        let rig = try fsRig(clients: 2, consistency: .nfs, policy: .writeThrough, domain: false)
        let sim = rig.sim
        let (ws1, ws2, fs1) = (rig.clients[0], rig.clients[1], rig.fs1)
        sim.export("/export/home", on: fs1)
        sim.fsWriteSession(ws1, "/fs1/export/home/jack/todo", "todo")
        _ = sim.run()
        sim.setAutomount("/net", on: ws2)
        #expect(sim.mounts(of: ws2).isEmpty)
        sim.fsReadSession(ws2, "/net/fs1/export/home/jack/todo")
        _ = sim.run()
        #expect(sim.mounts(of: ws2).map(\.point) == ["/net/fs1"])
        #expect(sim.mounts(of: ws2).first?.mount.automounted == true)
        #expect(sim.fsRPCs("mount") == 1)
        #expect(sim.fsLastText(ws2, "/fs1/export/home/jack/todo") == "todo")
        // The second access finds it mounted.
        sim.fsReadSession(ws2, "/net/fs1/export/home/jack/todo")
        _ = sim.run()
        #expect(sim.fsRPCs("mount") == 1)
        let mounted = sim.drainTrace().compactMap {
            if case .mounted(_, _, _, let point, let auto) = $0.event { (point, auto) } else { nil }
        }
        #expect(mounted.count == 1)
        #expect(mounted.first?.0 == "/net/fs1" && mounted.first?.1 == true)
    }
}

// MARK: - Cost and determinism

@Suite("File system: messages and determinism")
struct CostFileSystemTests {
    @Test func everyCallIsARequestAndAReply() throws {
        let rig = try fsRig(clients: 1, servers: 2, policy: .writeThrough)
        let sim = rig.sim
        let ws1 = rig.clients[0]
        // The first access broadcasts: one call to each of the two servers.
        let messagesBefore = sim.statistics.messagesSent
        sim.fsWriteSession(ws1, "/f", "data")
        _ = sim.run()
        #expect(sim.fsRPCs("broadcast") == 2)
        #expect(sim.fsRPCTotal == 5, "2 broadcasts, open, write, close")
        #expect(sim.statistics.messagesSent - messagesBefore == 2 * sim.fsRPCTotal)

        for step in 0..<3 {
            let calls = sim.fsRPCTotal
            let messages = sim.statistics.messagesSent
            switch step {
            case 0: _ = sim.openFile(on: ws1, path: "/f", writable: false)
            case 1: _ = sim.listDirectory(on: ws1, path: "/")
            default: _ = sim.closeFile(on: ws1, path: nil)
            }
            _ = sim.run()
            #expect(sim.fsRPCTotal == calls + 1)
            #expect(sim.statistics.messagesSent == messages + 2)
        }
        // A cache hit costs no message at all.
        _ = sim.openFile(on: ws1, path: "/f", writable: false)
        _ = sim.run()
        let messages = sim.statistics.messagesSent
        let read = sim.readFile(on: ws1, path: nil)
        _ = sim.run()
        #expect(sim.statistics.messagesSent == messages)
        #expect(sim.operation(read)?.packets == 0)
        #expect(sim.fsLastText(ws1, "/f") == "data")
    }

    @Test func aSixteenKilobyteReadIsFragmentedOnTheModernNetwork() throws {
        let rig = try fsRig(clients: 1, preset: .modern)
        let sim = rig.sim
        let ws1 = rig.clients[0]
        _ = sim.createFile(on: ws1, path: "/big", size: 16 << 10, directory: false)
        _ = sim.openFile(on: ws1, path: "/big", writable: false)
        _ = sim.run()
        let packets = sim.statistics.packets
        let messages = sim.statistics.messagesSent
        let read = sim.readFile(on: ws1, path: nil)
        _ = sim.run()
        let record = try #require(sim.operation(read))
        #expect(record.status == .done)
        #expect(record.bytes == 16 << 10)
        #expect(sim.statistics.messagesSent == messages + 2)
        #expect(record.packets > 2)
        // 64 + 16 request bytes fit one packet; 64 + 16384 reply bytes need 11 of 1500,
        // and the fragmented reply is acknowledged once (as an rpc's is).
        #expect(record.packets == 13)
        #expect(sim.statistics.packets - packets == record.packets)
        #expect(sim.fileSystemStatistics.diskReads == 4, "four 4KB blocks from the server's disk")
    }

    private struct Outcome: Equatable {
        var history: [FileEvent]
        var trace: [TraceRecord]
        var statistics: FileSystemStatistics
        var losses: [CrashLoss]
        var network: Statistics
        var end: SimTime
    }

    private func workload(seed: UInt64) throws -> Outcome {
        let rig = try fsRig(clients: 3, servers: 2, preset: .sprite1988, topology: .bus, loss: 0.05, seed: seed)
        let sim = rig.sim
        sim.traceLevel = .messages
        sim.setDomain("/users", server: rig.servers[1])
        let (a, b, c) = (rig.clients[0], rig.clients[1], rig.clients[2])
        for round in 0..<4 {
            sim.fsWriteSession(a, "/users/shared", "round \(round) from a")
            // b opens once a has closed (a session is ~10ms, a lost message 100ms more):
            // sequential write-sharing, so the server recalls a's dirty data.
            sim.fsAdvance(.ms(300))
            _ = sim.openFile(on: b, path: "/users/shared", writable: true)
            _ = sim.readFile(on: b, path: nil)
            _ = sim.writeFile(on: b, path: nil, text: utf8(" b\(round)"), size: 3, append: true)
            _ = sim.closeFile(on: b, path: nil)
            sim.fsWriteSession(c, "/tmp/c\(round)", String(repeating: "c", count: 3000 * (round + 1)))
            sim.fsAdvance(.ms(700))
        }
        _ = sim.run(until: .s(20))
        sim.crash(c)
        _ = sim.run()
        return Outcome(history: sim.fileHistory, trace: sim.drainTrace(), statistics: sim.fileSystemStatistics,
                       losses: sim.crashLosses, network: sim.statistics, end: sim.now)
    }

    @Test func theSameWorkloadGivesTheSameHistoryAndTrace() throws {
        let first = try workload(seed: 11)
        let second = try workload(seed: 11)
        #expect(first.history.count >= 30)
        #expect(first.trace.count > 100)
        #expect(first.statistics.recalls > 0)
        #expect(first.network.retransmissions > 0, "the lossy network must really drop messages")
        #expect(first.history == second.history)
        #expect(first.trace == second.trace)
        #expect(first.statistics == second.statistics)
        #expect(first.losses == second.losses)
        #expect(first.network == second.network)
        #expect(first.end == second.end)
    }
}

@Suite("File system: bounded server caches")
struct BoundedServerCacheTests {
    /// Regression: a write touched every block of the file into the server's cache and
    /// never evicted, so a file larger than memory (appended a gigabyte at a time) made
    /// the engine hold a record per block. The cache now keeps what the memory holds.
    @Test func aFileLargerThanServerMemoryKeepsOnlyItsLastBlocksCached() throws {
        let rig = try fsRig(clients: 2, policy: .writeThrough)
        let sim = rig.sim
        let (alice, bob) = (rig.clients[0], rig.clients[1])
        _ = sim.openFile(on: alice, path: "/big", writable: true)
        _ = sim.writeFile(on: alice, path: nil, text: nil, size: 64 << 20, append: false)
        _ = sim.closeFile(on: alice, path: "/big")
        sim.runToIdle()
        _ = sim.openFile(on: bob, path: "/big", writable: false)
        _ = sim.readFile(on: bob, path: nil)
        _ = sim.closeFile(on: bob, path: "/big")
        sim.runToIdle()
        // 64MB is 16384 blocks; fs1's 32MB holds the last 8192 of them.
        #expect(sim.fileSystemStatistics.serverHits == 8192)
        #expect(sim.fileSystemStatistics.serverMisses == 8192)
        #expect(sim.fileSystemStatistics.diskReads == 8192)
    }
}
