/// A binary hypercube: positions are bit strings, neighbours differ in one
/// bit, and e-cube routing fixes the differing bits from lowest to highest.
/// With fewer nodes than 2^d the unused corners still route.
public struct Hypercube: Topology {
    public let dimension: Int
    public init(size: Int) {
        var d = 0
        while (1 << d) < max(1, size) { d += 1 }
        dimension = d
    }

    public func route(from source: Int, to destination: Int, visit: (Int) -> Void) {
        var here = source
        for bit in 0..<max(dimension, 1) where (here ^ destination) & (1 << bit) != 0 {
            let next = here ^ (1 << bit)
            visit(linkKey(here, next))
            here = next
        }
    }
}
