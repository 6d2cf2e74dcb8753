/// A growable array of plain-data records (no references inside) read and
/// written in place through a pointer: no copy-on-write uniqueness check and
/// no exclusivity check per access, which on the dispatch path cost more than
/// the scheduling itself. Held by `let` in one owner; never shared or copied.
final class PlainArray<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        precondition(_isPOD(Element.self), "PlainArray holds plain data only")
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Elements it has room for: what it holds in memory.
    var allocated: Int { capacity }
    var indices: Range<Int> { 0..<count }
    var isEmpty: Bool { count == 0 }

    /// Callers index only within `indices` (ids the engine handed out).
    @inline(__always) subscript(index: Int) -> Element {
        unsafeAddress { UnsafePointer(base + index) }
        unsafeMutableAddress { base + index }
    }

    @inline(__always) func address(_ index: Int) -> UnsafePointer<Element> { UnsafePointer(base + index) }
    @inline(__always) func mutableAddress(_ index: Int) -> UnsafeMutablePointer<Element> { base + index }

    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// Appends `count` copies of `element` at once (a page table's entries).
    func append(repeating element: Element, count added: Int) {
        guard added > 0 else { return }
        var grownCapacity = capacity
        while grownCapacity < count + added { grownCapacity *= 2 }
        if grownCapacity > capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: grownCapacity)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity = grownCapacity
        }
        (base + count).initialize(repeating: element, count: added)
        count += added
    }

    func append(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }
}
