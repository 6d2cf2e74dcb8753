/// Each arrival goes to a node drawn at random among the balanced ones (its own included), with no
/// probe: no information, no messages but the transfer (Eager, Lazowska and Zahorjan's "Random").
final class RandomPlacement: Balancer {
    var kind: BalancerKind { .random }
    func arrival(_ here: LoadView) -> ArrivalDecision { .randomNode }
}
