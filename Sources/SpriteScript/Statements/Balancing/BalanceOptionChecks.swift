import SpriteKernel

/// What `balance` can tell before anything runs: options the strategy would ignore or that leave the balancer
/// unable to act are check errors (as 'capacity' and 'central' outside their strategies always were).
extension BalanceStatement {
    /// The strategies that read each option.
    static let readers: [String: Set<BalancerKind>] = [
        "threshold": [.sender, .receiver, .symmetric],
        "probes": [.sender, .receiver, .symmetric, .sprite],
        "period": [.receiver, .symmetric],
    ]

    func checkOptions(_ checker: inout Checker) {
        if let central, checker.symbols.nodes[central.text] == .workstation {
            let servers = checker.serverNames.sorted()
            checker.error("'central' names the host-selection server: \(central.text) is a workstation",
                          at: central.span, help: servers.isEmpty ? "declare a server: cluster { server fs1 }"
                            : "name a server: " + servers.joined(separator: ", "))
        }
        if strategy != .none, strategy != .graph, nodes.count == 1 {
            checker.error("balancing over one node moves nothing: there is no other node to place a process on",
                          at: nodes[0].span, help: "name two or more nodes, e.g. balance ws1, ws2 strategy …")
        }
        for (word, value, at) in given {
            let readers = Self.readers[word] ?? []
            if !readers.contains(strategy) || (word == "probes" && central != nil) {
                let users = word == "probes" && central != nil
                    ? "with 'central', strategy sprite asks the host-selection server and sends no probe"
                    : "only strategies " + readers.map(\.rawValue).sorted().joined(separator: ", ") + " use it"
                checker.error("'\(word)' is ignored by strategy \(strategy.rawValue): \(users)", at: at,
                              help: "drop '\(word) \(value)'")
            } else if value == "0", word != "period" {
                let why = word == "probes" ? "a round would probe no node, so nothing would ever move"
                    : "no run queue is ever below 0, so nothing would ever move"
                checker.error("'\(word) 0': \(why)", at: at, help: "give 1 or more (the default is "
                              + (word == "probes" ? "3" : "1") + ")")
            }
        }
    }

    /// The options given, as written.
    private var given: [(String, String, SourceSpan)] {
        var options: [(String, String, SourceSpan)] = []
        if let (value, at) = threshold { options.append(("threshold", String(value), at)) }
        if let (value, at) = probes { options.append(("probes", String(value), at)) }
        if let (value, at) = period { options.append(("period", value.duration.description, at)) }
        return options
    }

    /// Runtime notes: a balance replacing another, and file servers among the nodes (Sprite never lent one).
    func warnBeforeExecuting(_ interpreter: Interpreter, nodes indices: [Int]) {
        let s = interpreter.simulation
        if s.balancerKind != .none || !s.balancedNodes.isEmpty {
            let old = s.balancedNodes.map(s.nodeName).joined(separator: ", ")
            interpreter.emit(.diagnostic(Diagnostic(
                .runtime, "this balance replaces the one in force (strategy \(s.balancerKind.rawValue) over "
                    + "\(old.isEmpty ? "no node" : old))", at: span,
                help: "one balance is in force at a time: name every node in one line", severity: .warning)))
        }
        let servers = indices.filter { s.nodeSpec($0).role == .server }
        if !servers.isEmpty {
            interpreter.emit(.diagnostic(Diagnostic(
                .runtime, "file server \(servers.map(s.nodeName).joined(separator: ", ")) may be given processes: "
                    + "Sprite never lent its file servers", at: span,
                help: "balance workstations only", severity: .warning)))
        }
    }
}
