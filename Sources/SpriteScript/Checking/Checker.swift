import SpriteKernel

/// Reads files that `load` names. The shell supplies one that reads the disk;
/// tests supply one that reads from memory.
public protocol SourceLoader: Sendable {
    func load(_ path: String, relativeTo base: String) throws -> SourceFile
}

/// Statements read by `load`, parsed and checked once, run later.
public final class LoadedPrograms: @unchecked Sendable {
    private var programs: [String: [any Statement]] = [:]
    func store(_ statements: [any Statement], for key: String) { programs[key] = statements }
    func program(for key: String) -> [any Statement]? { programs[key] }
}

/// Resolves names, units and values in order, before anything runs. Errors
/// accumulate so one pass reports them all.
public struct Checker {
    public var symbols: SymbolTable
    public private(set) var diagnostics: [Diagnostic] = []
    let loader: any SourceLoader
    let loaded: LoadedPrograms
    var loadStack: [String] = []
    /// Inside `cluster { }`: node and network declarations are allowed.
    var inCluster = false
    /// Inside `on NODE { }`: the node file operations act on.
    var currentNode: String?
    /// Inside `on PROCESS { }`: the V process that issues them (on `currentNode`).
    var currentProcess: String?
    /// Inside the body of an `at` block.
    var inAtBlock = false
    /// A `begin` in the `on` block being checked with no `commit` since, for
    /// nested begins (across blocks they are found when the script runs).
    var transactionBegun: SourceSpan?
    /// Names declared inside `at` blocks. They exist once the block has run,
    /// so they become ordinary names after `run` or `advance`; until then
    /// only later `at` blocks may use them.
    var deferred = SymbolTable()
    /// The time of the `at` block being checked, when it is absolute (`at 1s`, not `at +1s`).
    var atTime: SimTime?
    /// For deferred names declared by an absolute `at` block: that block's time.
    var deferredTimes: [String: SimTime] = [:]
    /// The limits in force (lowered by `limit` statements as they are checked),
    /// and the session's count of statements parsed.
    var limits = Limits()
    var meter: LimitMeter?
    /// Checking one cell of a sweep: the statements a cell may not hold refuse themselves, so that a file
    /// the cell loads obeys the same rule as the body (which the sweep's parser enforces on its own text).
    var insideSweepCell = false
    /// The folder exports may write into (`--export-dir`), and whether the script exports anything.
    var exportFolder: String?
    var exports = false
    private var limitsReported: Set<Limits.Name> = []
    /// Did-you-mean searches left: a script of a million unknown names must not
    /// search every declared name a million times.
    private var suggestionsLeft = 200
    /// Lists of declared names left to print, bounded for the same reason.
    private var listsLeft = 200
    /// Where each name this check declared was written, for "already declared" errors.
    private var declaredAt: [String: SourceSpan] = [:]

    init(symbols: SymbolTable, loader: any SourceLoader, loaded: LoadedPrograms) {
        self.symbols = symbols
        self.loader = loader
        self.loaded = loaded
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func check(_ statements: [any Statement]) {
        for (index, statement) in statements.enumerated() {
            if index % 1024 == 0 && !withinWallTime(at: statement.span) { return }
            let first = diagnostics.count
            statement.check(&self)
            // What the statement's own checks left without a hint gets its usage.
            guard diagnostics.count > first else { continue }
            let keyword = FallbackHelp.keyword(at: statement.span)
            for index in first..<diagnostics.count {
                diagnostics[index] = diagnostics[index].withFallbackHelp(statement: keyword)
            }
        }
    }

    public mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Checks the body of an `at` block, keeping what it declares aside.
    /// `time` is the block's absolute time, nil for `at +DURATION`.
    mutating func checkDeferred(_ body: [any Statement], at time: SimTime? = nil) {
        let outer = symbols
        let (outerInAt, outerTime) = (inAtBlock, atTime)
        // What a block at a later absolute time declares does not exist yet when this one runs.
        var visible = deferred
        if let time {
            let times = deferredTimes
            let later = { (name: String) in times[name].map { $0 > time } ?? false }
            visible.nodes = visible.nodes.filter { !later($0.key) }
            visible.processes = visible.processes.filter { !later($0.key) }
            visible.labels = visible.labels.filter { !later($0.key) }
        }
        symbols.merge(visible)
        (inAtBlock, atTime) = (true, time)
        check(body)
        (inAtBlock, atTime) = (outerInAt, outerTime)
        var declared = SymbolTable()
        declared.nodes = symbols.nodes.filter { outer.nodes[$0.key] == nil && visible.nodes[$0.key] == nil }
        declared.processes = symbols.processes.filter {
            outer.processes[$0.key] == nil && visible.processes[$0.key] == nil
        }
        declared.labels = symbols.labels.filter { outer.labels[$0.key] == nil && visible.labels[$0.key] == nil }
        declared.scheduled = symbols.scheduled.subtracting(outer.scheduled).subtracting(visible.scheduled)
        declared.programs = symbols.programs.filter { outer.programs[$0.key] == nil }
        declared.pmakes = symbols.pmakes.subtracting(outer.pmakes).subtracting(visible.pmakes)
        if let time {
            for name in declared.allNames where deferredTimes[name] == nil { deferredTimes[name] = time }
        }
        symbols = outer
        deferred.merge(declared)
    }

    /// `run` and `advance` let pending `at` blocks happen.
    mutating func promoteDeferredNames() {
        symbols.merge(deferred)
        deferred = SymbolTable()
        deferredTimes = [:]
    }

    /// The error for a name that only an `at` block still to run declares.
    mutating func reportDeferred(_ name: Name) -> Bool {
        guard deferred.contains(name.text) else { return false }
        if let atTime, let later = deferredTimes[name.text], later > atTime {
            error("'\(name.text)' does not exist yet at \(atTime): the 'at \(later)' block declares it", at: name.span,
                  help: "this block runs at \(atTime), before the block at \(later) that declares '\(name.text)': "
                    + "declare it earlier, or use it in a block at \(later) or later")
            return true
        }
        error("'\(name.text)' is declared in an 'at' block that has not run yet", at: name.span,
              help: "use it inside a later 'at' block, or after 'run' or 'advance'")
        return true
    }

    public mutating func error(_ message: String, at span: SourceSpan, help: String? = nil) {
        diagnostics.append(Diagnostic(.check, message, at: span, help: help))
    }

    // MARK: Names

    mutating func suggestion(for word: String, among names: some Sequence<String>) -> String {
        guard suggestionsLeft > 0 else { return "" }
        suggestionsLeft -= 1
        return Suggestions.didYouMean(word, among: names)
    }

    @discardableResult
    public mutating func resolveNode(_ name: Name, servers: Bool = false) -> Bool {
        if symbols.nodes[name.text] != nil { return true }
        if reportDeferred(name) { return false }
        // Suggest from the list the help gives: the servers, when only a server will do.
        var hint = suggestion(for: name.text, among: servers && !serverNames.isEmpty ? serverNames
                                : Array(symbols.nodes.keys))
        if hint.isEmpty, let node = symbols.processes[name.text] {
            hint = "; '\(name.text)' is a process on \(node)"
        }
        error("unknown node '\(name.text)'\(hint)", at: name.span,
              help: symbols.nodes.isEmpty ? "declare nodes first: cluster { workstation ws1 }"
                : !servers ? declared("nodes", symbols.nodes.keys)
                : serverNames.isEmpty ? "no server is declared yet: cluster { server fs1 }"
                : declared("servers", serverNames))
        return false
    }

    /// The name after `on`: a node, or a V process (its file steps are its own, on its node's cache).
    /// Returns the node the steps run on, nil when the name is wrong.
    public mutating func resolveFileActor(_ name: Name) -> String? {
        if symbols.nodes[name.text] != nil { return name.text }
        if let node = symbols.processes[name.text] {
            guard !symbols.scheduled.contains(name.text) else {
                error("'\(name.text)' runs a program: 'on' takes a node or a process declared with "
                      + "'process NAME on NODE'", at: name.span,
                      help: "declare a process for the file steps: process \(name.text)_files on \(node)")
                return nil
            }
            return node
        }
        if reportDeferred(name) { return nil }
        let declaredProcesses = symbols.processes.keys.filter { !symbols.scheduled.contains($0) }
        let hint = symbols.programs[name.text] != nil
            ? "; '\(name.text)' is a program: 'on' takes a node or a process declared with 'process NAME on NODE'"
            : suggestion(for: name.text, among: Array(symbols.nodes.keys) + declaredProcesses)
        let processes = declaredProcesses.isEmpty ? "" : "; " + declared("processes", declaredProcesses)
        error("unknown node or process '\(name.text)'\(hint)", at: name.span,
              help: symbols.nodes.isEmpty ? "declare nodes first: cluster { workstation ws1 }"
                : declared("nodes", symbols.nodes.keys) + processes)
        return nil
    }

    /// The nodes that serve files: servers and nodes with role both.
    var serverNames: [String] { symbols.nodes.filter { $0.value != .workstation }.map(\.key) }

    /// "declared nodes: a, b, fs1": the first few names in order, found in one
    /// pass (a cluster of 100,000 nodes is not sorted for each error).
    mutating func declared(_ noun: String, _ names: some Collection<String>, shown: Int = 6) -> String {
        guard !names.isEmpty else { return "none are declared yet" }
        guard listsLeft > 0 else {
            return "check the spelling against 'show \(noun == "processes" ? "processes" : "nodes")'"
        }
        listsLeft -= 1
        var first: [String] = []
        for name in names where first.count < shown || name < first[first.count - 1] {
            first.insert(name, at: first.firstIndex { name < $0 } ?? first.count)
            if first.count > shown { first.removeLast() }
        }
        let more = names.count > shown ? ", and \(names.count - shown) more" : ""
        return "declared \(noun): " + first.joined(separator: ", ") + more
    }

    /// Where a name was declared, if this check saw it: "(declared at t.ss:1:23)".
    func whereDeclared(_ name: String) -> String {
        declaredAt[name].map { "'\(name)' was declared at \($0.location); " } ?? ""
    }

    @discardableResult
    public mutating func resolveProcess(_ name: Name) -> Bool {
        if symbols.processes[name.text] != nil || symbols.forkedChildRoot(of: name.text) != nil { return true }
        if reportDeferred(name) { return false }
        if let dot = name.text.firstIndex(of: ".") {
            let root = String(name.text[..<dot])
            if reportDeferred(Name(text: root, span: name.span)) { return false }
            error("unknown process '\(name.text)': no program's process is named '\(root)', so it has no forked "
                  + "child", at: name.span, help: ForkedChildNames.help(symbols))
            return false
        }
        var hint = suggestion(for: name.text, among: symbols.processes.keys)
        if hint.isEmpty, symbols.nodes[name.text] != nil {
            hint = "; '\(name.text)' is a node: V messages go between processes"
        }
        error("unknown process '\(name.text)'\(hint)", at: name.span,
              help: symbols.processes.isEmpty ? "declare one first: process \(name.text) on NODE"
                : declared("processes", symbols.processes.keys)
                  + (hint.isEmpty ? "; or declare it: process \(name.text) on NODE" : ""))
        return false
    }

    /// The process that takes a step the script issues (send, receive, reply, a move, compute): a declared
    /// one. A spawned process takes its program's steps only; it may be the peer of a declared one.
    @discardableResult
    public mutating func resolveActingProcess(_ name: Name, step: String) -> Bool {
        guard resolveProcess(name) else { return false }
        guard !symbols.scheduled.contains(name.text) else {
            error("'\(name.text)' runs a program: it takes only its program's steps, not '\(step)'", at: name.span,
                  help: "write the step in its program, or declare a process for it: process NAME on "
                    + (symbols.processes[name.text] ?? "NODE"))
            return false
        }
        return true
    }

    /// A node that serves files: a server, or a node with role both.
    @discardableResult
    public mutating func resolveServer(_ name: Name, purpose: String) -> Bool {
        guard resolveNode(name, servers: true) else { return false }
        guard symbols.nodes[name.text] != .workstation else {
            let servers = serverNames
            error("'\(name.text)' is a workstation; \(purpose) a server (or a node with role both)", at: name.span,
                  help: servers.isEmpty ? "declare one: cluster { server fs1 }" : declared("servers", servers))
            return false
        }
        return true
    }

    /// What the script has used so far of a limit counted at check time; nil for the others.
    func alreadyUsed(_ name: Limits.Name) -> Int64? {
        switch name {
        case .statements: meter.map { Int64($0.statementsParsed) }
        case .nodes: Int64(symbols.nodes.count + deferred.nodes.count)
        case .processes: Int64(symbols.processes.count + deferred.processes.count)
        default: nil
        }
    }

    /// Checked before the names are declared: a script of ten million nodes stops at the limit.
    mutating func withinLimit(_ name: Limits.Name, count: Int, noun: String, plural: String? = nil,
                              at span: SourceSpan) -> Bool {
        let limit = Int(limits[name])
        guard count >= limit else { return true }
        if limitsReported.insert(name).inserted {
            let most = Plural.of(limit, noun, plural: plural)
            report(limits.reached(name, "the script declares more than \(most)", at: span))
        }
        return false
    }

    /// False, reporting the wall limit once, when the session has used its wall-clock time:
    /// checking (and reading what `load` names) is stopped there as running would be.
    mutating func withinWallTime(at span: SourceSpan) -> Bool {
        guard let meter, meter.wallExhausted else { return true }
        do throws(Diagnostic) { try meter.checkWall(at: span) } catch {
            if limitsReported.insert(.wall).inserted { report(error) }
        }
        return false
    }

    /// Files `load` has parsed in this check, by resolved path: loading one again
    /// re-checks its statements without reading and parsing it again.
    var parsedLoads: [String: (statements: [any Statement], count: Int)] = [:]

    /// Words text output puts in the node column of lines that are not a
    /// node's: a node with one of these names could pass for them.
    static let outputSubjects: Set<String> = ["echo", "expect"]

    public mutating func declareNode(_ name: Name, role: NodeRole) {
        guard withinLimit(.nodes, count: symbols.nodes.count + deferred.nodes.count, noun: "node", at: name.span)
        else { return }
        if Self.outputSubjects.contains(name.text) {
            error("a node cannot be named '\(name.text)': output marks \(name.text) lines with that word",
                  at: name.span, help: "choose another name, such as '\(name.text)1'")
        } else if symbols.nodes[name.text] != nil {
            error("node '\(name.text)' is already declared", at: name.span,
                  help: whereDeclared(name.text) + "choose another name, such as '\(freeName(like: name.text))'")
        } else if symbols.processes[name.text] != nil {
            error("'\(name.text)' already names a process", at: name.span,
                  help: whereDeclared(name.text) + "nodes and processes share one set of names: "
                    + "choose another, such as '\(freeName(like: name.text))'")
        } else {
            symbols.nodes[name.text] = role
            declaredAt[name.text] = name.span
        }
    }

    public mutating func declareProcess(_ name: Name, on node: String) {
        let count = symbols.processes.count + deferred.processes.count
        guard withinLimit(.processes, count: count, noun: "process", plural: "processes", at: name.span)
        else { return }
        if symbols.processes[name.text] != nil {
            error("process '\(name.text)' is already declared", at: name.span,
                  help: whereDeclared(name.text) + "choose another name, such as '\(freeName(like: name.text))'")
        } else if symbols.nodes[name.text] != nil {
            error("'\(name.text)' already names a node", at: name.span,
                  help: whereDeclared(name.text) + "nodes and processes share one set of names: "
                    + "choose another, such as '\(freeName(like: name.text))'")
        } else {
            symbols.processes[name.text] = node
            declaredAt[name.text] = name.span
        }
    }

    /// A process that runs a program under its node's scheduler: measured, so `expect` offers its metrics.
    public mutating func declareScheduledProcess(_ name: Name, on node: String) {
        let existed = symbols.processes[name.text] != nil
        declareProcess(name, on: node)
        if !existed, symbols.processes[name.text] != nil { symbols.scheduled.insert(name.text) }
    }

    /// `a2`, `a3`, …: the first name after `name` that nothing declares.
    func freeName(like name: String) -> String {
        var number = 2
        while symbols.contains("\(name)\(number)") || deferred.contains("\(name)\(number)") { number += 1 }
        return "\(name)\(number)"
    }

    public mutating func declareLabel(_ label: Name?, kind: OperationKind) {
        guard let label else { return }
        if symbols.labels[label.text] != nil {
            error("label '\(label.text)' already names an operation", at: label.span,
                  help: "labels name one operation each; pick another name")
        } else if symbols.nodes[label.text] != nil || symbols.processes[label.text] != nil || label.text == "stats" {
            error("label '\(label.text)' would hide the node, process or 'stats' of that name", at: label.span,
                  help: "pick a label no node or process uses, such as '\(label.text)_op'")
        } else {
            symbols.labels[label.text] = kind
        }
    }

    /// File operations need the node they run on.
    @discardableResult
    public mutating func requireNodeContext(_ statement: String, at span: SourceSpan) -> Bool {
        guard currentNode == nil else { return true }
        // The example names a workstation the script declared, when it has one.
        let node = symbols.nodes.filter { $0.value != .server }.keys.min() ?? symbols.nodes.keys.min() ?? "ws1"
        // sync alone also has a top-level form over named nodes (their VM pages and files).
        let example = statement == "sync" ? "on \(node) { sync }, or sync \(node) to write its pages too"
            : "on \(node) { \(statement) … }"
        error("'\(statement)' acts on a node's files; write it inside on NODE { … }", at: span,
              help: "for example: \(example)")
        return false
    }

    /// `run` and `advance` move the clock, which only the top level may do:
    /// an `at` block runs while the engine is already running, and an `on`
    /// block issues file steps, so either would run the engine inside itself.
    public mutating func requireTopLevel(_ statement: String, at span: SourceSpan) -> Bool {
        guard inAtBlock || currentNode != nil else { return true }
        error("'\(statement)' cannot be used inside an 'at' or 'on' block", at: span,
              help: "the engine is already running there: write '\(statement)' at the top level, "
                  + "and schedule later work with 'at +T { … }'")
        return false
    }

    /// False (and reported) when `keyword`'s statement is checked inside a sweep's cell: only a loaded
    /// file can bring one there. `help` stands in for the sweep's own word on statements it names apart.
    mutating func allowedOutsideSweep(_ keyword: String, at span: SourceSpan, help: String? = nil) -> Bool {
        guard insideSweepCell, let help = help ?? SweepSyntax.refused[keyword] else { return true }
        error("'\(keyword)' cannot be used in a file a sweep's cell loads", at: span, help: help)
        return false
    }

    /// Some declared domain must cover the path.
    public mutating func requireDomain(for path: String, at span: SourceSpan) {
        let covered = symbols.domains.keys.contains { prefix in
            prefix == "/" || path == prefix || path.hasPrefix(prefix + "/")
        }
        if !covered {
            error("no domain covers \(path)", at: span, help: "declare one first: domain / on SERVER")
        }
    }

    // MARK: Values

    public mutating func requirePositive(_ quantity: Quantity, _ what: String, at span: SourceSpan) {
        if quantity.dimension == .count ? quantity.real <= 0 : quantity.integer <= 0 {
            let example = quantity.dimension.example.split(separator: " ").last ?? "1"
            error("\(what) must be greater than zero", at: span,
                  help: "give a \(quantity.dimension.noun) above 0, such as \(example)")
        }
    }

    public mutating func requireRange(_ value: Int, _ range: ClosedRange<Int>, _ what: String, at span: SourceSpan) {
        if !range.contains(value) {
            error("\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(value)", at: span,
                  help: "give a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// A whole number in `range`: CPUs, retries, calls.
    public mutating func requireWhole(_ quantity: Quantity, _ range: ClosedRange<Int>, _ what: String,
                                      at span: SourceSpan) {
        guard quantity.isWhole else {
            error("\(what) must be a whole number, not \(Self.plain(quantity.real))", at: span,
                  help: "give a whole number from \(range.lowerBound) to \(range.upperBound)")
            return
        }
        if quantity.integer < range.lowerBound || quantity.integer > range.upperBound {
            error("\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(quantity.integer)",
                  at: span, help: "give a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// A quantity above zero and at most `limit` (in base units); the limits
    /// keep every sum the engine forms far from overflowing.
    public mutating func requireBetweenZeroAnd(_ quantity: Quantity, _ limit: Int64, _ what: String,
                                               at span: SourceSpan, allowZero: Bool = false, help: String? = nil) {
        let most = Quantity.formatBound(limit, quantity.dimension)
        let least = allowZero ? "0" : "1" + (Quantity.unitNames(for: quantity.dimension).first ?? "")
        let range = "give a \(quantity.dimension.noun) from \(least) to \(most)"
        if quantity.integer < 0 || (!allowZero && quantity.integer == 0) {
            error("\(what) must be greater than zero", at: span, help: range)
        } else if quantity.integer > limit {
            error("\(what) must be at most \(most)", at: span, help: range + (help.map { "; " + $0 } ?? ""))
        }
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// Upper bounds on declared values, in base units.
extension Limits {
    static let duration: Int64 = 3_600_000_000_000            // 1h: latencies, overheads, service times
    static let longDuration: Int64 = 366 * 86_400_000_000_000  // about a year: compute, advance, at
    static let size: Int64 = 1 << 30                           // 1GB: messages and transfers
    static let memory: Int64 = 1 << 40                         // 1TB
    static let bandwidth: Int64 = 1_000_000_000_000            // 1Tbps
    static let rate: Int64 = 1 << 40                           // 1TB/s
    static let header: Int64 = 64 << 10                        // 64KB
    static let minimumMTU: Int64 = 16
    /// The delayed-write daemon's period: the one timer that repeats.
    static let minimumFlush: Int64 = 10_000_000                // 10ms
}

/// Bounds on what processes and workloads may ask for (docs/LIMITS.md).
extension Limits {
    /// `repeat N`: the cursor counts laps in 32 bits; the events limit bounds what a run does.
    static let repeatCount = 10_000_000
    /// Steps one run of a program takes with its repeats multiplied out: the engine's bound on what
    /// one process may ask for.
    static let programSteps: Int64 = 10_000_000
    static let barrierParties = 100_000
    /// Priorities 0 (highest) to 99.
    static let priorities = 100
    static let defaultPriority = 10
    static let tickets = 1_000_000
    static let defaultTickets = 100
    /// Jobs one `workload` statement generates (the processes limit bounds them all).
    static let workloadJobs = 100_000
    static let workloadBursts = 1_000
    /// Timeline slices the engine keeps for `show timeline`; later ones are counted.
    static let timelineSlices = 100_000
    /// Forwarded calls the engine logs for `show timeline`; later ones are counted.
    static let forwardedCalls = 100_000
}
