/// Sprite's policy (Douglis and Ousterhout): processes go only to idle hosts (load average below the idle
/// load, no user input for 30 s), by exec-time migration, one foreign process per host; a host is found
/// by asking the host-selection server (`central NODE`, one RPC) or, without one, by probing up to
/// `probes` nodes. When the owner touches the keyboard the foreign processes are evicted home.
final class SpritePolicy: Balancer {
    var kind: BalancerKind { .sprite }
    func arrival(_ here: LoadView) -> ArrivalDecision { .lookForHost(probes: here.central ? 1 : here.probeLimit) }
    func takes(_ peer: LoadView) -> Bool { peer.idle && peer.guests == 0 }
}
