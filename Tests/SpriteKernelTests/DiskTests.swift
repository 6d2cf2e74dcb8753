import Testing
@testable import SpriteKernel

/// The disk model, with every figure derived by hand from the drive's
/// parameters (docs/COST-MODEL.md, "Disks"). Files move in 4KB blocks.
@Suite struct DiskTests {
    static let eagle = DrivePreset.fujitsuEagle.drive
    /// 30 s / 3961 = 7.5738449…ms, rounded up to the nanosecond.
    static let eagleRotation = SimTime.ns(7_573_845)
    /// 18ms + 7.573845ms.
    static let eaglePositioning = SimTime.ns(25_573_845)
    /// 4096 B / 1,859,000 B/s = 2.2033351…ms, rounded up.
    static let eagleBlock = SimTime.ns(2_203_336)

    /// Sprite's servers ran Fujitsu Eagles; a preset of no era keeps the generic 20 ms drive.
    @Test func anErasPresetGivesItsDrive() {
        for role in NodeRole.allCases {
            #expect(DiskDrive.standard(for: .sprite1988, role: role) == .fujitsuEagle)
            #expect(DiskDrive.standard(for: .modern, role: role) == .standard)
            #expect(DiskDrive.standard(for: .v1983, role: role) == .standard)
        }
        let sprite = CostPreset.sprite1988.machines
        #expect(sprite.memory(for: .workstation) == 8 << 20 && sprite.memory(for: .both) == 8 << 20)
        #expect(sprite.memory(for: .server) == 16 << 20)
        #expect(sprite.flushInterval == .s(5) && sprite.flushAge == .s(30) && sprite.blockSize == 4096)
        #expect(CostPreset.zero.era == nil && CostPreset.modern.machines == .generic)
    }

    @Test func theEaglesFiguresComeFromItsParameters() {
        #expect(Self.eagle.rotationalLatency == Self.eagleRotation)
        #expect(Self.eagle.positioning == Self.eaglePositioning)
        #expect(Self.eagle.transferTime(bytes: 4096) == Self.eagleBlock)
        // A drive given as 'disk T rate R' has no rotational delay: T is the whole access.
        let legacy = DiskDrive(accessTime: .ms(20), bytesPerSecond: 2 << 20)
        #expect(legacy.positioning == .ms(20))
        // 7200 rpm: half a revolution is 30 s / 7200 = 4.1666…ms.
        #expect(DrivePreset.modernHDD.drive.rotationalLatency == .ns(4_166_667))
        #expect(DrivePreset.modernSSD.drive.positioning == .us(100))
    }

    @Test func aWholeFileIsOnePositioningAndATransferPerBlock() {
        var read = DiskRead(file: 0, drive: Self.eagle, blockSize: 4096)
        for block in Int64(0)..<16 { read.add(block) }
        var arm = DiskArm()
        let done = arm.book(read, drive: Self.eagle, start: .zero)
        // 25.573845 + 16 × 2.203336 = 60.827221 ms: not 16 seeks, not one flat access.
        #expect(done == .ns(60_827_221))
    }

    @Test func theNextBlockOfTheSameFileCostsOnlyItsTransfer() {
        var arm = DiskArm()
        var first = DiskRead(file: 3, drive: Self.eagle, blockSize: 4096)
        first.add(5)
        let one = arm.book(first, drive: Self.eagle, start: .zero)
        #expect(one == Self.eaglePositioning + Self.eagleBlock)
        var next = DiskRead(file: 3, drive: Self.eagle, blockSize: 4096)
        next.add(6)
        #expect(arm.book(next, drive: Self.eagle, start: one) == one + Self.eagleBlock)
        // Back to block 5, or block 7 of another file: random, a full positioning again.
        var back = DiskRead(file: 3, drive: Self.eagle, blockSize: 4096)
        back.add(5)
        let two = one + Self.eagleBlock
        #expect(arm.book(back, drive: Self.eagle, start: two) == two + Self.eaglePositioning + Self.eagleBlock)
        var other = DiskRead(file: 4, drive: Self.eagle, blockSize: 4096)
        other.add(6)
        let three = two + Self.eaglePositioning + Self.eagleBlock
        #expect(arm.book(other, drive: Self.eagle, start: three) == three + Self.eaglePositioning + Self.eagleBlock)
    }

    @Test func cachedBlocksInsideARequestAreSkippedByTurningPastThem() {
        // Misses 0, 2 and 40: block 1 passes under the head (one block time);
        // 37 blocks would take 81.5ms, more than a new positioning (25.57ms).
        var read = DiskRead(file: 0, drive: Self.eagle, blockSize: 4096)
        read.add(0)
        read.add(2)
        read.add(40)
        var arm = DiskArm()
        let expected = Self.eaglePositioning + Self.eagleBlock * 3 + Self.eagleBlock + Self.eaglePositioning
        #expect(arm.book(read, drive: Self.eagle, start: .zero) == expected)
    }

    @Test func requestsQueueFirstComeFirstServedOnOneArm() {
        var arm = DiskArm()
        var a = DiskRead(file: 0, drive: Self.eagle, blockSize: 4096)
        a.add(0, count: 2)
        var b = DiskRead(file: 1, drive: Self.eagle, blockSize: 4096)
        b.add(0)
        let first = arm.book(a, drive: Self.eagle, start: .ms(1))
        #expect(first == .ms(1) + Self.eaglePositioning + Self.eagleBlock * 2)
        // Asked for at 2ms, b starts when a is done.
        #expect(arm.book(b, drive: Self.eagle, start: .ms(2)) == first + Self.eaglePositioning + Self.eagleBlock)
    }

    // MARK: Through the file server

    /// One node that serves its own files from an Eagle (a workstation with a
    /// local disk), its client cache off: every read asks its server.
    private func localDisk() throws -> (Simulation, Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero))
        let node = try sim.addNode(NodeSpec(name: "ws", role: .both, memoryBytes: 8 << 20, disk: Self.eagle))
        sim.configureFileSystem(FileSystemConfig())
        sim.setDomain("/", server: node)
        sim.setClientCache(node: node, enabled: false)
        return (sim, node)
    }

    private func time(_ sim: Simulation, _ op: Int32) throws -> SimTime {
        let record = try sim.op(op)
        let start = try #require(record.startedAt), end = try #require(record.finishedAt)
        return end - start
    }

    /// A read's time less the same read answered from the server's cache is
    /// the disk's share alone, whatever the messages cost.
    @Test func sequentialAndRandomReadsAtALocalDisk() throws {
        let (sim, ws) = try localDisk()
        _ = sim.createFile(on: ws, path: "/big", size: 64 << 10, directory: false)
        _ = sim.openFile(on: ws, path: "/big", writable: false)
        let whole = sim.readFile(on: ws, path: "/big")
        let warm = sim.readFile(on: ws, path: "/big")
        sim.runToIdle()
        #expect(try time(sim, whole) - time(sim, warm) == .ns(60_827_221))

        let (cold, node) = try localDisk()
        _ = cold.createFile(on: node, path: "/big", size: 64 << 10, directory: false)
        _ = cold.openFile(on: node, path: "/big", writable: false)
        let b7 = cold.readBlock(on: node, path: "/big", block: 7)
        let b3 = cold.readBlock(on: node, path: "/big", block: 3)
        let b4 = cold.readBlock(on: node, path: "/big", block: 4)
        let again = cold.readBlock(on: node, path: "/big", block: 7)
        let past = cold.readBlock(on: node, path: "/big", block: 16)
        cold.runToIdle()
        let memory = try time(cold, again)                                  // in the server's cache now
        #expect(try time(cold, b7) - memory == Self.eaglePositioning + Self.eagleBlock)
        #expect(try time(cold, b3) - memory == Self.eaglePositioning + Self.eagleBlock)
        #expect(try time(cold, b4) - memory == Self.eagleBlock)             // right after block 3
        #expect(try time(cold, past) <= memory)                             // past the end: nothing read
        #expect(try cold.op(b7).bytes == 4096)
        #expect(try cold.op(past).bytes == 0)
        #expect(cold.fileSystemStatistics.diskReads == 3)
    }

    @Test func aBlockStillComingFromTheDiskIsWaitedFor() throws {
        // Two clients read the same cold file at once. The first request's
        // blocks are listed in the server's cache when it is served, but they
        // are in memory only when the disk is done: the second reply waits.
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero))
        let fs = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20, disk: Self.eagle))
        let a = try sim.addNode(NodeSpec(name: "a", role: .workstation))
        let b = try sim.addNode(NodeSpec(name: "b", role: .workstation))
        sim.configureFileSystem(FileSystemConfig())
        sim.setDomain("/", server: fs)
        _ = sim.createFile(on: a, path: "/f", size: 16 << 10, directory: false)
        sim.runToIdle()
        for node in [a, b] { _ = sim.openFile(on: node, path: "/f", writable: false) }
        sim.runToIdle()
        let first = sim.readFile(on: a, path: "/f")
        let second = sim.readFile(on: b, path: "/f")
        sim.runToIdle()
        let done1 = try #require(try sim.op(first).finishedAt)
        let done2 = try #require(try sim.op(second).finishedAt)
        // Same request and reply times on a switched network: the second is
        // served by the CPU 100us later, then waits for the same disk read.
        #expect(done2 == done1)
        #expect(sim.fileSystemStatistics.diskReads == 4)
    }

    @Test func twoColdFilesQueueOnTheServersArm() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero))
        let fs = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20, disk: Self.eagle))
        let a = try sim.addNode(NodeSpec(name: "a", role: .workstation))
        let b = try sim.addNode(NodeSpec(name: "b", role: .workstation))
        sim.configureFileSystem(FileSystemConfig())
        sim.setDomain("/", server: fs)
        _ = sim.createFile(on: a, path: "/x", size: 16 << 10, directory: false)
        _ = sim.createFile(on: b, path: "/y", size: 8 << 10, directory: false)
        sim.runToIdle()
        _ = sim.openFile(on: a, path: "/x", writable: false)
        _ = sim.openFile(on: b, path: "/y", writable: false)
        sim.runToIdle()
        let x = sim.readFile(on: a, path: "/x")
        let y = sim.readFile(on: b, path: "/y")
        sim.runToIdle()
        let doneX = try #require(try sim.op(x).finishedAt)
        let doneY = try #require(try sim.op(y).finishedAt)
        // /y's reply is 8KB smaller, so it travels 6.5536ms less (8192 × 8 / 10Mbit/s).
        // Its disk read starts when /x's ends: one positioning and two blocks later.
        let wire = SimTime.ns(6_553_600)
        #expect(doneY + wire == doneX + Self.eaglePositioning + Self.eagleBlock * 2)
    }

    @Test func writesBehindTheReplyLeaveTheArmAlone() throws {
        // Sprite's server cache is write-back too: a write costs the arm
        // nothing now, so a read after it is priced as on an idle disk.
        let (sim, ws) = try localDisk()
        _ = sim.createFile(on: ws, path: "/cold", size: 4 << 10, directory: false)
        _ = sim.openFile(on: ws, path: "/w", writable: true)
        _ = sim.writeFile(on: ws, path: "/w", text: nil, size: 64 << 10, append: false)
        _ = sim.closeFile(on: ws, path: "/w")
        _ = sim.openFile(on: ws, path: "/cold", writable: false)
        let read = sim.readFile(on: ws, path: "/cold")
        let warm = sim.readFile(on: ws, path: "/cold")
        sim.runToIdle()
        #expect(try time(sim, read) - time(sim, warm) == Self.eaglePositioning + Self.eagleBlock)
        #expect(sim.fileSystemStatistics.diskWrites > 0)
    }
}
