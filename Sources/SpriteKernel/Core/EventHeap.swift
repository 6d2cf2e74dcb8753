/// A binary min-heap of scheduled events, the part of `EventQueue` that takes
/// events out of time order.
///
/// Specialised for `ScheduledEvent`: sifting moves a hole instead of swapping,
/// and removal sinks the hole to a leaf before placing the last element
/// (Floyd's method), since in a simulation the last element almost always
/// belongs near the bottom. The storage is unique, so neither sift asks first
/// whether the buffer is shared.
struct EventHeap: ~Copyable, Sendable {
    private var heap = UniqueArray<ScheduledEvent>()

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var first: ScheduledEvent? { heap.isEmpty ? nil : heap[0] }

    mutating func insert(_ event: ScheduledEvent) {
        heap.append(event)
        let h = heap.address(0)
        var hole = heap.count - 1
        while hole > 0 {
            let parent = (hole - 1) >> 1
            guard event < h[parent] else { break }
            h[hole] = h[parent]
            hole = parent
        }
        h[hole] = event
    }

    mutating func removeFirst() -> ScheduledEvent? {
        guard !heap.isEmpty else { return nil }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return last }
        let h = heap.address(0)
        let first = h[0]
        let n = heap.count
        // Sink the hole at the root to a leaf along the smaller children...
        // Indices stay below `n`, so their arithmetic need not check for overflow.
        var hole = 0
        var child = 1
        while child < n {
            if child &+ 1 < n && h[child &+ 1] < h[child] { child &+= 1 }
            h[hole] = h[child]
            hole = child
            child = 2 &* hole &+ 1
        }
        // ...then float the last element up from there.
        while hole > 0 {
            let parent = (hole - 1) >> 1
            guard last < h[parent] else { break }
            h[hole] = h[parent]
            hole = parent
        }
        h[hole] = last
        return first
    }

    mutating func removeAll() { heap.removeAll() }
}
