import Foundation
import Testing

/// The engine's folders are layers (docs/ARCHITECTURE.md, The engine's layers): a folder's code names
/// only what it owns and what the folders below it own. Upward calls go through functions on the root
/// (`deliverIPC`, `rpcGaveUp`, `failCall`, …), never through another layer's state, so this check
/// looks for state and type names, in code only (comments and string literals are skipped).
@Suite struct LayeringTests {
    /// What each folder owns: its state class, its tables as the engine's extensions name them, its types.
    static let owned: [String: [String]] = [
        "Cluster": ["Cluster", "nodes", "nodeIndex", "Node", "clusterAdd", "clusterCrash", "clusterRestart"],
        "Disk": ["readDisk"],
        "Network": ["NetworkLayer", "network", "messages", "Message", "MessageTable", "transmit"],
        // V IPC's events; its processes, mailboxes and delivery are the process table's (Processes/).
        "IPC": [],
        "RPC": ["RPCLayer", "rpcSeries", "RpcSeries", "SeriesTable"],
        "FileSystem": ["FileSystem", "fs", "fileClients", "FileClient", "FileStep",
                       "flushDaemon", "hasDirtyFiles", "FileRequest", "BlockTransferTable", "BlockTransferSlot",
                       "BackingFileState", "BackingPageCache"],
        "Processes": ["SimProcess", "ProcessTable", "Program", "ProgramStep", "ProcessID", "QueuedStep",
                      "ProcessMailbox"],
        "Scheduling": ["ProcessScheduler", "scheduler", "SchedulingPolicy", "NodeCPUs", "SchedulerKind"],
        "Frames": ["FrameLedger", "frameLedger", "NodeMemoryLedger", "NegotiationPolicy", "NegotiationKind",
                   "FrameClaim", "framesAdd", "claimPage", "releasePage", "movePage", "setNegotiation",
                   "fileCacheShare", "setFileCacheShare"],
        "Memory": ["VirtualMemory", "virtualMemory", "FrameTable", "ReplacementPolicy", "ReplacementKind",
                   "memoryCrash", "setFrames", "NodePaging", "PageEntry", "AddressSpace", "Segment", "PageIOTable",
                   "ProcessPaging", "CompiledPattern", "planBatch", "takeFault", "launchTransfer", "BatchPlan"],
        // Process migration: the scheduler and the file system reach it only through up-calls on the root.
        "Migration": ["MigrationLayer", "migrationLayer", "MigrationRecord", "MigrationStrategy", "FlushToServer",
                      "FreezeAndCopy", "PlannedPhase", "MigrationSubject"],
        // Load balancing: the scheduler and the RPC layer reach it only through up-calls on the root.
        "Balancing": ["LoadBalancing", "loadBalancing", "Balancer", "BalancerKind", "ProbeChain", "LoadView",
                      "GraphPartitioner"],
        // Builds: jobs started as processes, placed by the balancer; the process table reaches it by an up-call.
        "Pmake": ["PmakeLayer", "pmakeLayer", "PmakeRun", "PmakeResources", "PmakeGraph"],
        "DSM": ["SharedMemory", "sharedMemory", "PageManager", "PageManagers", "DSMConsistencyModel",
                "DSMConsistencyModels", "DSMPage", "DSMCopy", "DSMRequest", "DSMRequestTable", "DSMSegmentState",
                "DSMLockTable", "dsmCrash"],
    ]

    /// The folders each folder may reach. Kernel/ (the composition root) may reach every one;
    /// Core/ (the run loop) reaches none: it routes events by their subsystem and asks Kernel/ the rest.
    static let below: [String: [String]] = [
        "Core": [],
        "Cluster": [],
        "Disk": ["Cluster"],
        "Network": ["Cluster"],
        "IPC": ["Cluster", "Network"],
        "RPC": ["Cluster", "Network"],
        // The file cache is sized by its share of the node's memory (Frames/).
        "FileSystem": ["Cluster", "Disk", "Network", "Frames"],
        "Frames": ["Cluster"],
        // Virtual memory pages through the file system: backing files are ordinary files.
        "Memory": ["Cluster", "Disk", "Network", "Frames", "FileSystem"],
        // Shared pages travel as messages; DSM may reach the nodes' memory as virtual memory does.
        "DSM": ["Cluster", "Network", "Frames", "Memory"],
        // A process's steps and its node's CPU scheduler work hand in hand: one layer in two folders.
        // Processes sit above the network: a message between two of them costs what the network says;
        // a program's V IPC steps send the V kernel's messages, so they sit above IPC too, and its file
        // steps are the file system's operations, so above FileSystem.
        // A process's address space and its page faults are memory's; its DSM steps are DSM's.
        "Processes": ["Cluster", "Scheduling", "Network", "IPC", "FileSystem", "Memory", "DSM"],
        "Scheduling": ["Cluster", "Processes"],
        // A migration moves a process (Processes, Scheduling), its open files (FileSystem) with RPCs.
        "Migration": ["Cluster", "Network", "RPC", "FileSystem", "Memory", "Processes", "Scheduling"],
        // A balancer reads nodes' run queues, probes with RPCs and moves processes through Migration.
        "Balancing": ["Cluster", "Network", "RPC", "Processes", "Scheduling", "Migration"],
        // A build's jobs are processes whose files, hosts (by the balancer, through Migration) and the file
        // server's CPU and disk it reports.
        "Pmake": ["Cluster", "Disk", "Network", "FileSystem", "Processes", "Scheduling", "Migration", "Balancing"],
    ]

    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SpriteKernel")

    /// A line's code: what precedes a `//` comment, string literals emptied, and the name a `var` or `let`
    /// declares left out (a folder's own field may share a name with another layer's table).
    static func code(of line: Substring) -> String {
        var code = line.components(separatedBy: "//").first ?? ""
        code = code.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
        code = code.replacingOccurrences(of: #"\b(var|let) +\w+"#, with: "$1 _", options: .regularExpression)
        return code
    }

    /// Whether `code` names `name` itself: not as a member of another value (`s.nodes` is the
    /// scheduler's own table, not the cluster's).
    static func names(_ code: String, _ name: String) -> Bool {
        code.range(of: #"(?<![.\w])"# + name + #"\b"#, options: .regularExpression) != nil
    }

    @Test(arguments: below.keys.sorted())
    func folderNamesNothingAboveIt(_ folder: String) throws {
        let allowed = Set(Self.below[folder] ?? []).union([folder])
        let forbidden = Self.owned.filter { !allowed.contains($0.key) }.flatMap(\.value)
        let directory = Self.sources.appendingPathComponent(folder)
        let files = (FileManager.default.subpaths(atPath: directory.path) ?? []).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no sources found in \(directory.path)")
        var violations: [String] = []
        for file in files.sorted() {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = Self.code(of: line)
                for name in forbidden where Self.names(code, name) {
                    violations.append("\(folder)/\(file):\(number + 1): \(name)")
                }
            }
        }
        #expect(violations.isEmpty, "names from a layer above: \(violations.joined(separator: ", "))")
    }

    /// The check finds what it looks for: a name used bare is caught; a comment, a string, a declaration
    /// and a member of another value are not.
    @Test func codeOfALineSkipsCommentsAndStrings() {
        #expect(Self.code(of: "let x = fs.calls // fs") == "let _ = fs.calls ")
        #expect(Self.code(of: #"case callRequest = "fs-request""#) == #"case callRequest = """#)
        #expect(Self.code(of: "    var processes: [Int32] = []") == "    var _: [Int32] = []")
        #expect(Self.names("let x = processes[3]", "processes"))
        #expect(!Self.names("for p in s.nodes[n].processes {", "processes"))
        #expect(!Self.names("let subprocesses = 1", "processes"))
    }
}
