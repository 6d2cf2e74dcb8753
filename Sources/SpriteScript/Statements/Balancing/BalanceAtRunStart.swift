import SpriteKernel

/// The `balance` line in force and what it has seen: the traffic its graph placement used, and whether the
/// run has been told that strategy sprite has no idle host to lend.
struct BalanceInForce {
    let statement: BalanceStatement
    let nodes: [Int]
    /// The simulation it was declared in (`reset` makes a new one).
    let simulation: ObjectIdentifier
    var trafficPlaced: Int
    var idleWarned = false
}

extension Interpreter {
    /// Called as a run starts and after each `at` block: a graph placement is redone when traffic was
    /// declared after it (so every traffic line declared by then counts), and strategy sprite with no node
    /// watched by an idle rule is reported once, since it can never lend a host.
    func prepareBalancing(at span: SourceSpan) throws(Diagnostic) {
        guard var force = balanceInForce, force.simulation == ObjectIdentifier(simulation) else { return }
        let s = simulation
        if s.balancerKind == .graph, s.declaredTraffic.count != force.trafficPlaced {
            let added = s.declaredTraffic.count - force.trafficPlaced
            force.trafficPlaced = s.declaredTraffic.count
            balanceInForce = force
            try GraphPlacementTable.place(force.statement, nodes: force.nodes, self,
                                          note: "placed again at \(s.now): \(Plural.of(added, "traffic line")) "
                                            + "declared after the balance line")
        }
        if s.balancerKind == .sprite, !force.idleWarned, !force.nodes.contains(where: s.isWatchedForIdle) {
            force.idleWarned = true
            balanceInForce = force
            emit(.diagnostic(Diagnostic(
                .runtime, "strategy sprite lends only idle hosts, and no 'idle' rule watches the balanced nodes: "
                    + "no process will be placed", at: force.statement.span,
                help: "declare which hosts may be lent before the run: idle "
                    + force.nodes.map(s.nodeName).joined(separator: ", ") + " (help idle)", severity: .warning)))
        }
    }
}
