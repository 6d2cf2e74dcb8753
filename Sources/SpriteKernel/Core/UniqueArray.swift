/// A growable array that can have only one owner.
///
/// An `Array` may share its buffer, so every write to one of its elements
/// first asks the runtime whether the buffer is still unique (a call and a
/// store back, about ten instructions). The engine's hottest tables (the
/// event queue's runs, the messages in flight, the links' free times, the
/// operation records) are written several times per event, each from its one
/// owner. Being noncopyable, this type cannot be shared, so a write needs no
/// such check; an index is still checked against the count.
struct UniqueArray<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private(set) var capacity = 0

    init() {}

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        reserveCapacity(count)
        base?.initialize(repeating: value, count: count)
        self.count = count
    }

    deinit {
        base?.deinitialize(count: count)
        base?.deallocate()
    }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }

    subscript(index: Int) -> Element {
        @inline(__always) _read {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "index out of range")
            yield base.unsafelyUnwrapped[index]
        }
        @inline(__always) _modify {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "index out of range")
            yield &base.unsafelyUnwrapped[index]
        }
    }

    /// Where element `index` lives, for an owner that hands out an addressor over it (valid until the
    /// next append or removal).
    @inline(__always) func address(_ index: Int) -> UnsafeMutablePointer<Element> {
        precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "index out of range")
        return base.unsafelyUnwrapped + index
    }

    /// The first element's address, for an owner that indexes it itself below `count` (valid until the next
    /// append or removal); the array must have storage.
    @inline(__always) var baseAddress: UnsafeMutablePointer<Element> {
        precondition(capacity > 0, "no storage")
        return base.unsafelyUnwrapped
    }

    /// Where element `index` lives, for an owner whose own bookkeeping keeps `index` below `count` (a slab's
    /// slot numbers): the same as `address`, without checking it again.
    @inline(__always) func uncheckedAddress(_ index: Int) -> UnsafeMutablePointer<Element> {
        base.unsafelyUnwrapped + index
    }

    /// Appends, doubling the capacity when full; growth is kept out of line.
    @inline(__always) mutating func append(_ element: consuming Element) {
        if count == capacity { reserveCapacity(Swift.max(16, capacity * 2)) }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    @inline(__always) mutating func removeLast() -> Element {
        precondition(count > 0, "removeLast of an empty array")
        count -= 1
        return (base.unsafelyUnwrapped + count).move()
    }

    /// Removes every element, keeping the storage.
    mutating func removeAll() {
        base?.deinitialize(count: count)
        count = 0
    }

    @inline(never) mutating func reserveCapacity(_ minimum: Int) {
        guard minimum > capacity else { return }
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: minimum)
        if let base {
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = grown
        capacity = minimum
    }
}

// Only its owner reaches it, as with an Array of Sendable values.
extension UniqueArray: @unchecked Sendable where Element: Sendable {}
