/// Receiver-initiated: a node whose run queue falls below the threshold when a process finishes probes up
/// to `probes` nodes at random; the first holding more than the threshold gives it the newest of its
/// waiting processes that has not started yet, moved like a remote exec (no address space, no state
/// run yet), so only processes waiting in a run queue move, never a running one. At light load few
/// nodes have work to give and the probes are wasted; at heavy load nearly every probe finds some.
final class ReceiverInitiated: Balancer {
    var kind: BalancerKind { .receiver }
    func departure(_ here: LoadView) -> Int { here.queue < here.threshold ? here.probeLimit : 0 }
    func gives(_ peer: LoadView) -> Bool { peer.queue > peer.threshold }
}
