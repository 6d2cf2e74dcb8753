/// Every process runs where it arrives: the baseline.
final class NoBalancing: Balancer {
    var kind: BalancerKind { .none }
}
