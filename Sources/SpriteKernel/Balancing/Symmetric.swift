/// Symmetric: senders probe on arrival and receivers on departure, each with the same threshold and probe
/// limit, so it helps at both ends of the load range (and pays both kinds of probes).
final class Symmetric: Balancer {
    var kind: BalancerKind { .symmetric }
    private let sender = SenderInitiated()
    private let receiver = ReceiverInitiated()
    func arrival(_ here: LoadView) -> ArrivalDecision { sender.arrival(here) }
    func departure(_ here: LoadView) -> Int { receiver.departure(here) }
    func takes(_ peer: LoadView) -> Bool { sender.takes(peer) }
    func gives(_ peer: LoadView) -> Bool { receiver.gives(peer) }
}
