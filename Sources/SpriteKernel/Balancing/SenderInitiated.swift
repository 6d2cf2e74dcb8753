/// Sender-initiated: a node whose run queue would pass the threshold with the new arrival (it already
/// holds `threshold` processes) probes up to `probes` nodes at random; the first whose queue is below
/// the threshold takes the new process by exec-time migration; if none does, it runs at home.
/// Probes cost little when most nodes are lightly loaded (few arrivals trigger them, and the first
/// probe usually succeeds); at heavy load nearly every arrival probes and nearly every probe fails.
final class SenderInitiated: Balancer {
    var kind: BalancerKind { .sender }
    func arrival(_ here: LoadView) -> ArrivalDecision {
        here.queue >= here.threshold ? .lookForHost(probes: here.probeLimit) : .runHere
    }
    func takes(_ peer: LoadView) -> Bool { peer.queue < peer.threshold }
}
