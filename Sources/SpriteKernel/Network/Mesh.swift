/// A 2-D grid, or with wrap-around links a torus. Node i sits at
/// (i % width, i / width); routing is dimension-ordered: X first, then Y.
public struct Mesh: Topology {
    public let width: Int
    public let height: Int
    public let wraps: Bool

    /// `width` defaults to the smallest square that holds every node.
    public init(size: Int, width: Int?, wraps: Bool) {
        let count = max(1, size)
        var side = 1
        while side * side < count { side += 1 }
        self.width = max(1, width ?? side)
        self.height = (count + self.width - 1) / self.width
        self.wraps = wraps
    }

    public func route(from source: Int, to destination: Int, visit: (Int) -> Void) {
        var x = source % width, y = source / width
        let tx = destination % width, ty = destination / width
        while x != tx {
            let nx = (x + step(from: x, to: tx, extent: width) + width) % width
            visit(linkKey(y * width + x, y * width + nx))
            x = nx
        }
        while y != ty {
            let ny = (y + step(from: y, to: ty, extent: height) + height) % height
            visit(linkKey(y * width + x, ny * width + x))
            y = ny
        }
    }

    /// +1 or -1: the direction of the shorter way, wrapping only on a torus.
    private func step(from a: Int, to b: Int, extent: Int) -> Int {
        let forward = b - a
        guard wraps else { return forward > 0 ? 1 : -1 }
        let ahead = (forward + extent) % extent
        return ahead <= extent - ahead ? 1 : -1
    }
}
