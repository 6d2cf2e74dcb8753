// SpriteBench: how fast the engine simulates, on fixed workloads.
//
//   SpriteBench                  every workload, each default configuration
//   SpriteBench list             the workloads and their parameters
//   SpriteBench NAME             one workload, each default configuration
//   SpriteBench NAME ARGS...     one workload, one configuration
//
// Each default configuration runs in a fresh child process (this same
// binary, given explicit arguments), so its peak RSS is its own and not the
// high-water mark of an earlier, bigger configuration.
//
// Adding a workload: write a function `([Int]) -> [String]` that runs one
// configuration and returns its row's cells (a simulation workload can return
// a `BenchResult` and use `simulationCells` and `simulationTable`), and append
// a `Workload` to `Registry.workloads` below.

import SpriteKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: Workloads

/// What one run of a workload reports.
struct BenchResult {
    /// Simulated time when the run went idle.
    var simulatedEnd: SimTime
    /// Simulated operations completed (RPCs for `rpc`).
    var completed: Int
    /// Units of work the configuration asked for; a mismatch is an error.
    var expected: Int
    var eventsProcessed: Int64
    var wallSeconds: Double
}

/// The table a workload's rows go in: the legend printed above it, and every
/// column's title and width (the first two are always workload and config).
struct Table: Sendable {
    var legend: [String]
    var columns: [(title: String, width: Int)]
}

struct Workload: Sendable {
    var name: String
    var summary: String
    /// Names of the integer parameters, in order.
    var parameters: [String]
    /// Configurations run when no parameters are given.
    var defaults: [[Int]]
    var table: Table
    /// Runs one configuration and returns its row: a cell for each column
    /// of `table` after workload and config.
    var run: @Sendable ([Int]) -> [String]
}

/// Every workload the bench knows, in the order they run.
enum Registry {
    static let workloads: [Workload] = [
        Workload(
            name: "rpc",
            summary: "RPC ping-pong: N clients, 1 server (1 CPU, 0.1 ms per request), "
                + "M sequential 32 B/32 B calls per client, zero-overhead switched network",
            parameters: ["N", "M"],
            defaults: [[10, 10_000], [1_000, 100], [10_000, 10]],
            table: simulationTable,
            run: { simulationCells("rpc", $0, runRPCPingPong(clients: $0[0], callsPerClient: $0[1])) }
        ),
        Workload(
            name: "files",
            summary: "file workload: CLIENTS clients each issue OPS file operations (sessions of open, read, "
                + "write 4 KB half the time, close; 10% of sessions on 10 shared files) against one server, "
                + "under PROTOCOL 1 sprite, 2 nfs, 3 callbacks, 4 none; delayed-write caches, modern switched LAN",
            parameters: ["CLIENTS", "OPS", "PROTOCOL"],
            defaults: [[100, 10_000, 1], [100, 10_000, 2], [100, 10_000, 3], [100, 10_000, 4]],
            table: simulationTable,
            run: {
                simulationCells("files", $0,
                                runFileWorkload(clients: $0[0], operations: $0[1], protocolIndex: $0[2]))
            }
        ),
        Workload(
            name: "checker",
            summary: "SemanticsChecker.judge on a synthetic NFS-like history of EVENTS file operations "
                + "by NODES nodes on FILES files (3 s cache timeout, write-back on close, 10% of opens "
                + "on a few shared files), gathered as per-node logs",
            parameters: ["EVENTS", "NODES", "FILES"],
            defaults: [[1_000_000, 100, 1_000]],
            table: checkerTable,
            run: { runChecker(events: $0[0], nodes: $0[1], files: $0[2]) }
        ),
        Workload(
            name: "listings",
            summary: "ListingJudge on EVENTS synthetic directory changes and listings (10%) over DIRS "
                + "directories of up to NAMES names (ListingBench.swift)",
            parameters: ["EVENTS", "DIRS", "NAMES"],
            defaults: [[100_000, 100, 100], [1_000_000, 100, 100], [200_000, 10, 1_000]],
            table: listingTable,
            run: { runListingJudge(events: $0[0], directories: $0[1], names: $0[2]) }
        ),
        Workload(
            name: "vm",
            summary: "demand paging: NODES workstations of 32 MB (4096 VM frames), PROCS processes each touching "
                + "128 pages at random every 20 us (20% writes), round robin 10 ms, SECONDS simulated; BACKING 1 "
                + "swap, 2 backing files on a server per ten workstations (VMBench.swift)",
            parameters: ["NODES", "PROCS", "SECONDS", "BACKING"],
            defaults: [[100, 50, 10, 1]],
            table: vmTable,
            run: { runVMBench(nodes: $0[0], processes: $0[1], seconds: $0[2], backing: $0[3]) }
        ),
        Workload(
            name: "sched",
            summary: "CPU scheduling: NODES nodes x CPUS CPUs, PROCS CPU-bound processes per node, round robin "
                + "with a 10 ms quantum (one shared run queue), SECONDS simulated (SchedBench.swift)",
            parameters: ["NODES", "CPUS", "PROCS", "SECONDS"],
            defaults: [[1_000, 4, 20, 10], [100, 4, 20, 10]],
            table: schedulingTable,
            run: { runSchedulingBench(nodes: $0[0], cpus: $0[1], processes: $0[2], seconds: $0[3]) }
        ),
        Workload(
            name: "balance",
            summary: "load balancing: NODES workstations, ARRIVALS processes arriving as a Poisson stream at LOAD% "
                + "of capacity (exponential service, mean 1 s), sender-initiated, threshold 2, PROBES probes "
                + "(BalanceBench.swift)",
            parameters: ["NODES", "ARRIVALS", "LOAD", "PROBES"],
            defaults: [[1_000, 100_000, 70, 3]],
            table: balanceTable,
            run: { runBalanceBench(nodes: $0[0], arrivals: $0[1], loadPercent: $0[2], probes: $0[3]) }
        ),
        Workload(
            name: "dsm",
            summary: "distributed shared memory: NODES nodes, one process each, compute bursts touching a random "
                + "page every 50 us (10% writes, pattern random over dsm) of PAGES 4 KB pages under sequential "
                + "consistency, SECONDS simulated, MANAGER 1 dynamic, 2 central, 3 fixed (DSMBench.swift)",
            parameters: ["NODES", "PAGES", "SECONDS", "MANAGER"],
            defaults: [[64, 1_000, 10, 1], [64, 10_000, 10, 1], [64, 1_000, 10, 2]],
            table: dsmTable,
            run: { runDSMBench(nodes: $0[0], pages: $0[1], seconds: $0[2], managerIndex: $0[3]) }
        ),
    ]
}

/// N client nodes and one server node on a switched network (each ordered
/// pair has its own link, so there is no contention on the wire). Every client
/// starts one series of M sequential calls at time 0; the server's single CPU
/// serves requests one at a time in arrival order, 0.1 ms each, and sends each
/// reply as soon as it is computed. One transfer costs 0.5 ms + size * 8 / 10 Mbit/s.
func runRPCPingPong(clients: Int, callsPerClient: Int) -> BenchResult {
    let start = monotonicSeconds()
    let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .switched))
    sim.traceLevel = .off
    var clientNodes: [Int] = []
    clientNodes.reserveCapacity(clients)
    do {
        let server = try sim.addNode(NodeSpec(name: "server", role: .server, cpus: 1, speed: 1))
        for index in 0..<clients {
            clientNodes.append(try sim.addNode(NodeSpec(name: "c\(index)", role: .workstation)))
        }
        var series: [Int32] = []
        series.reserveCapacity(clients)
        for client in clientNodes {
            series.append(sim.rpc(from: client, to: server, requestBytes: 32, replyBytes: 32,
                                  service: .us(100), count: callsPerClient))
        }
        let stop = sim.run()
        let wall = monotonicSeconds() - start
        guard stop == .idle else { fail("rpc: run stopped with \(stop)") }
        var completed = 0
        for op in series {
            guard let record = sim.operation(op) else { fail("rpc: operation \(op) missing") }
            guard record.status == .done else { fail("rpc: operation \(op) ended \(record.status)") }
            completed += record.completedCalls
        }
        return BenchResult(simulatedEnd: sim.now, completed: completed, expected: clients * callsPerClient,
                           eventsProcessed: sim.statistics.eventsProcessed, wallSeconds: wall)
    } catch {
        fail("rpc: \(error)")
    }
}

/// CLIENTS workstations and one file server; every client queues its whole
/// script of file operations at time 0 and the engine runs until idle.
func runFileWorkload(clients: Int, operations: Int, protocolIndex: Int) -> BenchResult {
    let start = monotonicSeconds()
    let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
    sim.traceLevel = .off
    guard (1...ConsistencyKind.allCases.count).contains(protocolIndex) else { fail("files: PROTOCOL must be 1...4") }
    var config = FileSystemConfig()
    config.consistency = ConsistencyKind.allCases[protocolIndex - 1]
    config.writePolicy = .delayedWrite
    sim.configureFileSystem(config)
    var issued = 0
    do {
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, cpus: 4, memoryBytes: 1 << 30,
                                              disk: DiskDrive(accessTime: .ms(5), bytesPerSecond: 100 << 20)))
        sim.setDomain("/", server: server)
        for index in 0..<clients {
            let node = try sim.addNode(NodeSpec(name: "c\(index)", role: .workstation, memoryBytes: 64 << 20))
            var random = SeededGenerator(seed: UInt64(index + 1))
            var count = 0
            while count < operations {
                let shared = random.next() % 10 == 0
                let path = shared ? "/shared/\(random.next() % 10)" : "/home/c\(index)/f\(random.next() % 20)"
                let writes = random.next() % 2 == 0
                _ = sim.openFile(on: node, path: path, writable: true)
                _ = sim.readFile(on: node, path: path)
                count += 2
                if writes && count < operations {
                    _ = sim.writeFile(on: node, path: path, text: nil, size: 4096, append: false)
                    count += 1
                }
                if count < operations {
                    _ = sim.closeFile(on: node, path: path)
                    count += 1
                }
            }
            issued += count
        }
        let stop = sim.run()
        let wall = monotonicSeconds() - start
        guard stop == .idle else { fail("files: run stopped with \(stop)") }
        var completed = 0
        for index in 0..<sim.operationCount {
            if sim.operation(Int32(index))?.status == .done { completed += 1 }
        }
        return BenchResult(simulatedEnd: sim.now, completed: completed, expected: issued,
                           eventsProcessed: sim.statistics.eventsProcessed, wallSeconds: wall)
    } catch {
        fail("files: \(error)")
    }
}

/// The table of the simulation workloads.
let simulationTable = Table(
    legend: [
        "columns: config = workload parameters; sim end = simulated time when the run went idle;",
        "completed = simulated operations completed (rpc: RPCs, the sum of completedCalls, checked = N*M);",
        "wall s = wall-clock seconds for setup + run; sim ops/wall s = completed / wall s (rpc: simulated",
        "RPCs per wall second); events/s = statistics.eventsProcessed / wall s; peak RSS MB = peak resident",
        "set size of the process that ran the configuration (each default configuration runs in its own).",
    ],
    columns: [
        ("workload", 9), ("config", 16), ("sim end", 12), ("completed", 12), ("wall s", 9),
        ("sim ops/wall s", 15), ("events/s", 13), ("peak RSS MB", 12),
    ]
)

/// The row of a simulation workload, after checking it did all its work.
func simulationCells(_ name: String, _ arguments: [Int], _ result: BenchResult) -> [String] {
    guard result.completed == result.expected else {
        fail("\(name) \(arguments): completed \(result.completed), expected \(result.expected)")
    }
    return [
        result.simulatedEnd.description, String(result.completed),
        fixed(result.wallSeconds, 3),
        grouped(Double(result.completed) / result.wallSeconds),
        grouped(Double(result.eventsProcessed) / result.wallSeconds),
        fixed(peakRSSMegabytes(), 1),
    ]
}

// MARK: Semantics checker

let checkerTable = Table(
    legend: [
        "columns: config = workload parameters; events = file operations in the history; wall s = wall-clock",
        "seconds of SemanticsChecker.judge alone (generating the history is not timed); events/s = events /",
        "wall s; reads = reads judged (checked = reads in the history); unix stale = reads stale under UNIX",
        "semantics; lost updates = lost updates reported; peak RSS MB = peak resident set size of the process",
        "(history, report and generator included; each default configuration runs in its own process).",
    ],
    columns: [
        ("workload", 9), ("config", 35), ("events", 10), ("wall s", 9), ("events/s", 13), ("reads", 9),
        ("unix stale", 11), ("lost updates", 13), ("peak RSS MB", 12),
    ]
)

/// Generates the history, then times the checker on it.
func runChecker(events: Int, nodes: Int, files: Int) -> [String] {
    let history = makeCheckerHistory(events: events, nodes: nodes, files: files, seed: 1)
    var readEvents = 0
    for event in history {
        if case .read = event.kind { readEvents += 1 }
    }
    let start = monotonicSeconds()
    let report = SemanticsChecker.judge(history)
    let wall = monotonicSeconds() - start
    guard report.reads.count == readEvents else {
        fail("checker: judged \(report.reads.count) reads, the history has \(readEvents)")
    }
    var unixStale = 0
    for read in report.reads {
        if case .stale = read.unix { unixStale += 1 }
    }
    return [
        String(history.count), fixed(wall, 3), grouped(Double(history.count) / wall),
        String(report.reads.count), String(unixStale), String(report.lostUpdates.count),
        fixed(peakRSSMegabytes(), 1),
    ]
}

/// A deterministic history in the style of NFS. Each node runs sessions one
/// after another: open, 1 to 6 reads and writes, close, then 1 to 50 ms of
/// think time. 90% of opens go to files of the node's own (FILES / 20 files
/// are shared, the rest divided among the nodes), 10% to a shared file, the
/// lower-numbered ones more often. A node trusts its cached copy for 3 s after
/// fetching it (so sharers read stale data), and a session's writes reach the
/// server when it closes (so concurrent writers lose updates). The nodes'
/// operations are interleaved in time, then the history is gathered the way a
/// distributed trace is: node 0's log, then node 1's, and so on, so the
/// checker has a real sort to do.
func makeCheckerHistory(events count: Int, nodes: Int, files: Int, seed: UInt64) -> [FileEvent] {
    var random = SeededGenerator(seed: seed)
    let shared = max(1, files / 20)
    let ownPerNode = max(1, (files - shared) / nodes)
    let cacheTimeout: Int64 = 3_000_000_000
    var server = [ContentID](repeating: emptyContent, count: files)
    var cached = [ContentID](repeating: emptyContent, count: nodes * files)
    var fetchedAt = [Int64](repeating: .min / 2, count: nodes * files)
    var clock = [Int64](repeating: 0, count: nodes)
    var session = [Int](repeating: -1, count: nodes)
    var file = [Int](repeating: 0, count: nodes)
    var remaining = [Int](repeating: 0, count: nodes)
    var writable = [Bool](repeating: false, count: nodes)
    var wrote = [Bool](repeating: false, count: nodes)
    var view = [ContentID](repeating: emptyContent, count: nodes)
    var logs = [[FileEvent]](repeating: [], count: nodes)
    var nextSession = 0
    var nextContent = 1

    for id in 0..<count {
        var node = 0
        for other in 1..<max(1, nodes) where clock[other] < clock[node] { node = other }
        let now = clock[node]
        let kind: FileEventKind
        var duration: Int64
        var think = Int64.random(in: 0..<500_000, using: &random)
        if session[node] < 0 {
            let f: Int
            if files <= shared || random.nextUnit() < 0.1 {
                let u = random.nextUnit()
                f = min(shared - 1, Int(u * u * Double(shared)))
            } else {
                f = shared + (node * ownPerNode + Int.random(in: 0..<ownPerNode, using: &random)) % (files - shared)
            }
            let slot = node * files + f
            if now - fetchedAt[slot] > cacheTimeout {
                cached[slot] = server[f]
                fetchedAt[slot] = now
            }
            session[node] = nextSession
            nextSession += 1
            file[node] = f
            view[node] = cached[slot]
            writable[node] = random.nextUnit() < 0.4
            wrote[node] = false
            remaining[node] = Int.random(in: 1...6, using: &random)
            kind = .open(writable: writable[node])
            duration = Int64.random(in: 300_000..<1_000_000, using: &random)
        } else if remaining[node] > 0 {
            remaining[node] -= 1
            if writable[node], random.nextUnit() < 0.5 {
                kind = .write(content: nextContent, basedOn: view[node])
                view[node] = nextContent
                nextContent += 1
                wrote[node] = true
            } else {
                kind = .read(content: view[node])
            }
            duration = Int64.random(in: 100_000..<2_000_000, using: &random)
        } else {
            if wrote[node] {
                let f = file[node]
                server[f] = view[node]
                cached[node * files + f] = view[node]
                fetchedAt[node * files + f] = now
            }
            kind = .close
            duration = Int64.random(in: 100_000..<1_000_000, using: &random)
            think = Int64.random(in: 1_000_000..<50_000_000, using: &random)
        }
        logs[node].append(FileEvent(id: id, kind: kind, node: node, session: session[node], file: file[node],
                                    start: .ns(now), end: .ns(now + duration)))
        if case .close = kind { session[node] = -1 }
        clock[node] = now + duration + think
    }
    var history: [FileEvent] = []
    history.reserveCapacity(count)
    for log in logs { history.append(contentsOf: log) }
    return history
}

// MARK: Measuring

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Peak resident set size of this process, in MB.
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    #if canImport(Darwin)
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576 // bytes
    #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1_024 // kilobytes
    #endif
}

// MARK: Output

func writeError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

func fail(_ message: String) -> Never {
    fflush(nil)
    writeError("SpriteBench: \(message)\n")
    exit(1)
}

func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let gap = String(repeating: " ", count: max(0, width - text.count))
    return left ? text + gap : gap + text
}

func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if text.contains("e") { return text }
    if !text.contains(".") { text += "." }
    let fraction = text.split(separator: ".", omittingEmptySubsequences: false)[1].count
    text += String(repeating: "0", count: max(0, decimals - fraction))
    if decimals == 0, text.hasSuffix(".") { text.removeLast() }
    return text
}

/// 1234567 -> "1,234,567"
func grouped(_ value: Double) -> String {
    let digits = String(Int64(value.rounded()))
    var out = ""
    for (index, ch) in digits.reversed().enumerated() {
        if index > 0, index % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return String(out.reversed())
}

func printHeader(_ workload: Workload) {
    for line in workload.table.legend { print(line) }
    var line = ""
    for (index, column) in workload.table.columns.enumerated() {
        line += index == 0 ? pad(column.title, column.width, left: true) : " " + pad(column.title, column.width)
    }
    print(line)
}

func printRow(_ workload: Workload, _ arguments: [Int], _ cells: [String]) {
    let config = zip(workload.parameters, arguments).map { "\($0)=\($1)" }.joined(separator: " ")
    let cells = [workload.name, config] + cells
    var line = ""
    for (index, cell) in cells.enumerated() {
        let width = workload.table.columns[index].width
        line += index == 0 ? pad(cell, width, left: true) : " " + pad(cell, width)
    }
    print(line)
}

// MARK: Running configurations

/// Runs one configuration in this process and prints its row.
func runHere(_ workload: Workload, _ arguments: [Int]) {
    printRow(workload, arguments, workload.run(arguments))
}

/// The path of this executable, for running a configuration in a child.
func executablePath() -> String {
    #if os(Linux)
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if length > 0 {
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    #endif
    return CommandLine.arguments[0]
}

/// Runs one configuration in a fresh child process (which prints its row).
func runInChild(_ workload: Workload, _ arguments: [Int]) {
    fflush(nil) // the parent's rows must come out before the child's
    let argv = [executablePath(), "--no-header", workload.name] + arguments.map(String.init)
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
    cArgs.append(nil)
    defer { for pointer in cArgs { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, argv[0], nil, nil, cArgs, environ)
    guard spawned == 0 else { fail("cannot start \(argv[0]): error \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else { fail("waitpid failed: error \(errno)") }
    }
    // Exited normally with status 0: the low 7 bits (signal) and the exit code are zero.
    guard status == 0 else { fail("\(workload.name) \(arguments) failed (wait status \(status))") }
}

func usageText() -> String {
    var text = "usage: SpriteBench [list | WORKLOAD [ARGS...]]\nworkloads:\n"
    for workload in Registry.workloads {
        text += "  \(workload.name) \(workload.parameters.joined(separator: " "))  \(workload.summary)\n"
        text += "      defaults: " + workload.defaults.map { $0.map(String.init).joined(separator: " ") }
            .joined(separator: "; ") + "\n"
    }
    return text
}

func usage() -> Never {
    writeError(usageText())
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var showHeader = true
if arguments.first == "--no-header" {
    showHeader = false
    arguments.removeFirst()
}

if arguments.first == "list" || arguments.first == "-h" || arguments.first == "--help" {
    print(usageText(), terminator: "")
    exit(0)
}

if let name = arguments.first {
    guard let workload = Registry.workloads.first(where: { $0.name == name }) else {
        writeError("SpriteBench: unknown workload '\(name)'\n")
        usage()
    }
    let values = arguments.dropFirst()
    let numbers = values.compactMap { Int($0) }
    if values.isEmpty {
        if showHeader { printHeader(workload) }
        for configuration in workload.defaults { runInChild(workload, configuration) }
    } else {
        guard numbers.count == values.count, numbers.count == workload.parameters.count,
              numbers.allSatisfy({ $0 > 0 }) else {
            writeError("SpriteBench: \(name) takes \(workload.parameters.count) positive integers: "
                       + workload.parameters.joined(separator: " ") + "\n")
            usage()
        }
        if showHeader { printHeader(workload) }
        runHere(workload, numbers)
    }
} else {
    for (index, workload) in Registry.workloads.enumerated() {
        if showHeader {
            if index > 0 { print("") }
            printHeader(workload)
        }
        for configuration in workload.defaults { runInChild(workload, configuration) }
    }
}
