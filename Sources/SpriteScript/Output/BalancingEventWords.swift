import SpriteKernel

/// Load balancing's trace lines, in text and in JSON: probes at `trace messages`, placements and
/// evictions at `trace operations`.
enum BalancingEventWords {
    static func describe(_ event: TraceEvent, _ c: RenderContext) -> String? {
        switch event {
        case .balanceProbe(let from, let to, let queue, let accepted):
            return "probe \(c.node(from)) -> \(c.node(to)): queue \(queue), " + (accepted ? "yes" : "no")
        case .balanceTransfer(let process, let from, let to, let policy, let probes):
            // With a host-selection server, strategy sprite's one request is not a probe (show balance agrees).
            let asked = policy == "sprite" && c.simulation.balanceSettings.central != nil
                ? Plural.of(probes, "host request") : Plural.of(probes, "probe")
            return "balance \(c.process(process)) \(c.node(from)) -> \(c.node(to)) (\(policy), \(asked))"
        case .evicting(let node, let processes, let stayed):
            let moving = Plural.of(processes, "foreign process", plural: "foreign processes")
            return "input on \(c.node(node)): evicting \(moving)"
                + (stayed > 0 ? ", \(stayed) cannot move" : "")
        default:
            return nil
        }
    }

    static func fields(_ event: TraceEvent, _ c: RenderContext) -> (String, [(String, JSONValue)])? {
        switch event {
        case .balanceProbe(let from, let to, let queue, let accepted):
            return ("balance.probe", [("from", .string(c.node(from))), ("to", .string(c.node(to))),
                                      ("queue", .int(Int64(queue))), ("accepted", .bool(accepted))])
        case .balanceTransfer(let process, let from, let to, let policy, let probes):
            return ("balance.transfer", [("process", .string(c.process(process))), ("from", .string(c.node(from))),
                                         ("to", .string(c.node(to))), ("strategy", .string(policy)),
                                         ("probes", .int(Int64(probes)))])
        case .evicting(_, let processes, let stayed):
            return ("balance.evict", [("evicted", .int(Int64(processes))), ("stayed", .int(Int64(stayed)))])
        default:
            return nil
        }
    }
}
