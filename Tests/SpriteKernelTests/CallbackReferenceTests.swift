import Testing
import SpriteKernel

// An independent model of AFS callbacks, written from the protocol's
// description rather than from the engine (Howard et al. 1988; Satyanarayanan):
// whole-file caching; an open fetches the file, and gets a callback promise,
// unless the client holds a copy whose callback is unbroken; reads and writes
// act on the client's copy; a close after writing stores the whole file, and
// the server breaks the callbacks of every other holder, which only the next
// open notices. Each operation is atomic here: the schedules leave far more
// time between steps than any step takes, so the order is the same as the
// engine's.

/// A client's copy of one file.
private struct ModelCopy {
    var text: String
    var callback: Bool
}

private struct ModelSession {
    var file: String
    var wrote = false
}

private struct AFSModel {
    var server: [String: String] = [:]
    /// Clients the server promised to call back, per file.
    var promises: [String: Set<Int>] = [:]
    var caches: [Int: [String: ModelCopy]] = [:]
    var sessions: [Int: ModelSession] = [:]

    mutating func open(_ client: Int, _ file: String) {
        if caches[client]?[file]?.callback != true {
            caches[client, default: [:]][file] = ModelCopy(text: server[file] ?? "", callback: true)
            promises[file, default: []].insert(client)
        }
        sessions[client] = ModelSession(file: file)
    }

    func read(_ client: Int) -> String? {
        guard let session = sessions[client] else { return nil }
        return caches[client]?[session.file]?.text
    }

    mutating func write(_ client: Int, _ text: String) {
        guard let file = sessions[client]?.file else { return }
        caches[client, default: [:]][file, default: ModelCopy(text: "", callback: false)].text = text
        sessions[client]?.wrote = true
    }

    mutating func close(_ client: Int) {
        guard let session = sessions.removeValue(forKey: client) else { return }
        guard session.wrote, let copy = caches[client]?[session.file] else { return }
        server[session.file] = copy.text
        for other in promises[session.file, default: []] where other != client {
            caches[other]?[session.file]?.callback = false
        }
        promises[session.file] = [client]
        caches[client]?[session.file]?.callback = true
    }
}

/// SplitMix64: the schedules depend on the seed alone.
private struct ScheduleRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

private enum Step {
    case open(client: Int, file: String, writable: Bool)
    case read(client: Int)
    case write(client: Int, text: String)
    case close(client: Int)
}

/// A random schedule: `count` steps, each on a random client, kept valid
/// (a client opens one file at a time; reads, writes and closes need it open).
private func schedule(seed: UInt64, clients: Int, files: [String], count: Int) -> [Step] {
    var random = ScheduleRandom(state: seed)
    var open: [Int: Bool] = [:]
    var steps: [Step] = []
    for index in 0..<count {
        let client = random.below(clients)
        guard let writable = open[client] else {
            let writable = random.below(2) == 0
            steps.append(.open(client: client, file: files[random.below(files.count)], writable: writable))
            open[client] = writable
            continue
        }
        switch random.below(writable ? 5 : 4) {
        case 0, 1: steps.append(.read(client: client))
        case 2: steps.append(.close(client: client)); open[client] = nil
        default:
            if writable { steps.append(.write(client: client, text: "w\(index)c\(client)")) } else {
                steps.append(.read(client: client))
            }
        }
    }
    for client in open.keys.sorted() { steps.append(.close(client: client)) }
    return steps
}

private struct Comparison {
    var reads = 0
    var disagreements: [String] = []
}

/// Runs one schedule in the engine and in the model; compares every read.
private func compare(seed: UInt64, policy: WritePolicyKind, preset: CostPreset) throws -> Comparison {
    let clients = 2 + Int(seed % 3)
    let files = seed % 2 == 0 ? ["/a"] : ["/a", "/b"]
    let sim = Simulation(seed: seed, network: NetworkConfig(preset: preset, topology: .switched))
    let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20,
                                          disk: DiskDrive(accessTime: .ms(20), bytesPerSecond: 2_000_000)))
    var nodes: [Int] = []
    for index in 0..<clients {
        nodes.append(try sim.addNode(NodeSpec(name: "c\(index)", role: .workstation, memoryBytes: 8 << 20)))
    }
    var config = FileSystemConfig()
    config.consistency = .callbacks
    config.writePolicy = policy
    sim.configureFileSystem(config)
    sim.setDomain("/", server: server)

    var model = AFSModel()
    // Every file starts with known contents, written by a session that is over.
    for file in files {
        let text = "init" + file
        _ = sim.openFile(on: nodes[0], path: file, writable: true)
        _ = sim.writeFile(on: nodes[0], path: file, text: Array(text.utf8), size: Int64(text.utf8.count),
                          append: false)
        _ = sim.closeFile(on: nodes[0], path: file)
        model.open(0, file)
        model.write(0, text)
        model.close(0)
    }
    var random = ScheduleRandom(state: seed ^ 0xD1CE)
    var time = SimTime.s(1)
    var expected: [(op: Int32, text: String?, what: String)] = []
    /// Each operation with the time the next step is issued.
    var issued: [(op: Int32, next: SimTime)] = []
    let steps = schedule(seed: seed, clients: clients, files: files, count: 40)
    var unregistered = 0
    for (index, step) in steps.enumerated() {
        _ = sim.run(until: time)
        // Every copy a client trusts is one the server would call back.
        for node in nodes {
            unregistered += sim.cachedFiles(of: node).filter { cached in
                cached.entry.callbackValid && sim.file(atPath: cached.path)?.callbackHolders.contains(node) != true
            }.count
        }
        // Far longer than a step takes (a few RPCs and a disk access); now and
        // then long enough for the delayed-write daemon (30 s) to wake mid-session.
        let pause = random.below(8) == 0 ? 20_000 + random.below(20_000) : 100 + random.below(500)
        time = time + .ms(Int64(pause))
        switch step {
        case .open(let client, let file, let writable):
            issued.append((sim.openFile(on: nodes[client], path: file, writable: writable), time))
            model.open(client, file)
        case .read(let client):
            let op = sim.readFile(on: nodes[client], path: nil)
            issued.append((op, time))
            expected.append((op, model.read(client), "step \(index): read on c\(client)"))
        case .write(let client, let text):
            issued.append((sim.writeFile(on: nodes[client], path: nil, text: Array(text.utf8),
                                         size: Int64(text.utf8.count), append: false), time))
            model.write(client, text)
        case .close(let client):
            issued.append((sim.closeFile(on: nodes[client], path: nil), time))
            model.close(client)
        }
    }
    _ = sim.run(until: time + .s(1))
    // The model's atomic steps hold only if each step was over before the next began.
    for (op, next) in issued {
        let record = try sim.op(op)
        #expect(record.status == .done, "seed \(seed): operation \(op) \(record.kind) ended \(record.status)")
        #expect((record.finishedAt ?? .s(1_000)) < next, "seed \(seed): operation \(op) overlapped the next step")
    }
    #expect(unregistered == 0, "seed \(seed): \(unregistered) trusted copies the server does not know of")
    var result = Comparison()
    for read in expected {
        result.reads += 1
        let content = try sim.op(read.op).content
        let got = content.flatMap { sim.contentBytes($0).bytes }.map { String(decoding: $0, as: UTF8.self) }
        if got != read.text {
            let model = read.text ?? "nil"
            result.disagreements.append("seed \(seed) \(read.what): engine \(got ?? "nil"), model \(model)")
        }
    }
    return result
}

@Suite("Callbacks against a reference model of AFS")
struct CallbackReferenceTests {
    /// Many random schedules: every read the engine answers must return what
    /// the model of AFS callbacks says it returns.
    @Test(arguments: [WritePolicyKind.writeOnClose, .delayedWrite])
    func everyReadAgreesWithTheModel(policy: WritePolicyKind) throws {
        var reads = 0
        var disagreements: [String] = []
        for seed in UInt64(1)...100 {
            let preset: CostPreset = seed % 3 == 0 ? .sprite1988 : .zero
            let result = try compare(seed: seed, policy: policy, preset: preset)
            reads += result.reads
            disagreements += result.disagreements
        }
        #expect(reads > 1500, "the schedules must read a lot to mean anything")
        let agree = reads - disagreements.count
        #expect(agree == reads, "\(agree) of \(reads) reads agree; first: \(disagreements.prefix(5))")
    }

    /// The model itself, on the two cases the protocol is about (derived by hand).
    @Test func theModelKeepsAnOpenSessionsCopyAndRefetchesAtTheNextOpen() {
        var model = AFSModel()
        model.open(0, "/f"); model.write(0, "v1"); model.close(0)
        model.open(1, "/f")
        #expect(model.read(1) == "v1")
        model.open(0, "/f"); model.write(0, "v2"); model.close(0)
        // The break reached client 1, but its open session keeps what it opened.
        #expect(model.read(1) == "v1")
        model.close(1)
        model.open(1, "/f")
        #expect(model.read(1) == "v2")
        model.close(1)
        // Client 1's new copy is promised again: the next store breaks it.
        model.open(2, "/f"); model.write(2, "v3"); model.close(2)
        model.open(1, "/f")
        #expect(model.read(1) == "v3")
    }
}
