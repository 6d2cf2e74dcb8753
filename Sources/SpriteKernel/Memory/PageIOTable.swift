/// The pager's transfers in flight, in a slab with a free list: a fault
/// allocates nothing once the slab has grown to the most transfers ever in
/// flight at once.
struct PageIO {
    /// `load`: a program's whole code segment at once (eager loading); `entry` and `frame` are its first.
    enum Kind: UInt8 { case pageIn, pageOut, zeroFill, load }

    var kind: Kind = .pageIn
    var node: Int32 = -1
    /// The page moved, and the frame it moves into or out of.
    var entry: Int32 = -1
    var frame: Int32 = -1
    /// The first process waiting for it, or -1; the others chain through `waiters`.
    var waiter: Int32 = -1
    /// The transfer to start when this one ends (the page-in after its victim's page-out), or -1.
    var then: Int32 = -1
    /// The process whose counts include it (a page-out, a page-in or a zero-fill), or -1: a transfer that
    /// never completes is taken back out of them.
    var countedTo: Int32 = -1
    /// The node crashed while it was under way: its end only frees the slot.
    var orphaned = false
    /// Next free slot.
    var nextFree: Int32 = -1
}

final class PageIOTable {
    let slots = PlainArray<PageIO>(capacity: 16)
    @exclusivity(unchecked) private var freeHead: Int32 = -1
    /// The next process waiting on the same transfer, by process (-1: none).
    @exclusivity(unchecked) var nextWaiter: [Int32] = []
    /// Whether each waiting process faulted to write, by process.
    @exclusivity(unchecked) var writing: [Bool] = []

    func writes(_ process: Int32) -> Bool { Int(process) < writing.count && writing[Int(process)] }

    func take(_ io: PageIO) -> Int32 {
        if freeHead >= 0 {
            let slot = freeHead
            freeHead = slots[Int(slot)].nextFree
            slots[Int(slot)] = io
            return slot
        }
        slots.append(io)
        return Int32(slots.count - 1)
    }

    func release(_ slot: Int32) {
        slots[Int(slot)] = PageIO(nextFree: freeHead)
        freeHead = slot
    }

    /// Adds `process` to the waiters of `slot`.
    func wait(_ process: Int32, on slot: Int32, write: Bool) {
        if nextWaiter.count <= Int(process) {
            nextWaiter.append(contentsOf: repeatElement(-1, count: Int(process) + 1 - nextWaiter.count))
            writing.append(contentsOf: repeatElement(false, count: Int(process) + 1 - writing.count))
        }
        writing[Int(process)] = write
        nextWaiter[Int(process)] = slots[Int(slot)].waiter
        slots[Int(slot)].waiter = process
    }
}
