/// Receiver-initiated: a node whose run queue falls below the threshold when a process finishes probes up
/// to `probes` nodes at random; the first holding more than the threshold gives it the newest process
/// waiting in its run queue, or the one running if none waits. One that has not run moves as a remote exec;
/// one that has (under time sharing, nearly every one) is preempted and moved by a full migration (frozen,
/// state moved), as Eager, Lazowska and Zahorjan's receiver transfers executing tasks. At light load few
/// nodes have work to give and the probes are wasted; at heavy load nearly every probe finds some.
final class ReceiverInitiated: Balancer {
    var kind: BalancerKind { .receiver }
    func departure(_ here: LoadView) -> Int { here.queue < here.threshold ? here.probeLimit : 0 }
    func gives(_ peer: LoadView) -> Bool { peer.queue > peer.threshold }
}
