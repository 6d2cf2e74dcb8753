/// Nodes on a bidirectional ring; packets take the shorter way round
/// (clockwise on a tie).
public struct Ring: Topology {
    public let size: Int
    public init(size: Int) { self.size = max(1, size) }

    public func route(from source: Int, to destination: Int, visit: (Int) -> Void) {
        guard source != destination else { return }
        let clockwise = (destination - source + size) % size
        let step = clockwise <= size - clockwise ? 1 : size - 1
        var here = source
        while here != destination {
            let next = (here + step) % size
            visit(linkKey(here, next))
            here = next
        }
    }
}
