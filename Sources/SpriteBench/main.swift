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
// Adding a workload: write a function `([Int]) -> BenchResult` and append a
// `Workload` to `Registry.workloads` below.

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

struct Workload: Sendable {
    var name: String
    var summary: String
    /// Names of the integer parameters, in order.
    var parameters: [String]
    /// Configurations run when no parameters are given.
    var defaults: [[Int]]
    var run: @Sendable ([Int]) -> BenchResult
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
            run: { runRPCPingPong(clients: $0[0], callsPerClient: $0[1]) }
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

let columns: [(String, Int)] = [
    ("workload", 9), ("config", 16), ("sim end", 12), ("completed", 12), ("wall s", 9),
    ("sim ops/wall s", 15), ("events/s", 13), ("peak RSS MB", 12),
]

func printHeader() {
    print("columns: config = workload parameters; sim end = simulated time when the run went idle;")
    print("completed = simulated operations completed (rpc: RPCs, the sum of completedCalls, checked = N*M);")
    print("wall s = wall-clock seconds for setup + run; sim ops/wall s = completed / wall s (rpc: simulated")
    print("RPCs per wall second); events/s = statistics.eventsProcessed / wall s; peak RSS MB = peak resident")
    print("set size of the process that ran the configuration (each default configuration runs in its own).")
    var line = ""
    for (index, (title, width)) in columns.enumerated() {
        line += index == 0 ? pad(title, width, left: true) : " " + pad(title, width)
    }
    print(line)
}

func printRow(_ workload: Workload, _ arguments: [Int], _ result: BenchResult) {
    let config = zip(workload.parameters, arguments).map { "\($0)=\($1)" }.joined(separator: " ")
    let cells = [
        workload.name, config, result.simulatedEnd.description, String(result.completed),
        fixed(result.wallSeconds, 3),
        grouped(Double(result.completed) / result.wallSeconds),
        grouped(Double(result.eventsProcessed) / result.wallSeconds),
        fixed(peakRSSMegabytes(), 1),
    ]
    var line = ""
    for (index, cell) in cells.enumerated() {
        let width = columns[index].1
        line += index == 0 ? pad(cell, width, left: true) : " " + pad(cell, width)
    }
    print(line)
}

// MARK: Running configurations

/// Runs one configuration in this process and prints its row.
func runHere(_ workload: Workload, _ arguments: [Int]) {
    let result = workload.run(arguments)
    guard result.completed == result.expected else {
        fail("\(workload.name) \(arguments): completed \(result.completed), expected \(result.expected)")
    }
    printRow(workload, arguments, result)
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
        if showHeader { printHeader() }
        for configuration in workload.defaults { runInChild(workload, configuration) }
    } else {
        guard numbers.count == values.count, numbers.count == workload.parameters.count,
              numbers.allSatisfy({ $0 > 0 }) else {
            writeError("SpriteBench: \(name) takes \(workload.parameters.count) positive integers: "
                       + workload.parameters.joined(separator: " ") + "\n")
            usage()
        }
        if showHeader { printHeader() }
        runHere(workload, numbers)
    }
} else {
    if showHeader { printHeader() }
    for workload in Registry.workloads {
        for configuration in workload.defaults { runInChild(workload, configuration) }
    }
}
