/// The bookkeeping of one slot of a `Slab`, kept apart from the records so that reading
/// a record touches only the records' array.
struct SlabSlot {
    /// Moves on by one when the slot is freed and again when it is taken: even while a record
    /// is in it, odd while it is free, so one comparison tells a live handle from a stale one.
    var generation: UInt32 = 0
    /// The next free slot while this one is free, or -1.
    var nextFree: Int32 = -1

    var inUse: Bool { generation & 1 == 0 }
}

/// A table of plain-data records that come and go (transfers, requests, messages in flight),
/// each named by its slot index plus the slot's generation. A freed slot goes on a free list
/// and the next insert takes the most recently freed one, so once the slab has grown to the
/// most records ever live at once, inserting and removing allocate nothing. An event or a
/// message that outlives its record carries the generation and asks `isLive` before acting.
/// The records are read and written in place through a pointer held here, as `PlainArray`
/// does, so a record costs its owner no more pointers to follow than a `PlainArray` would.
/// Held by `let` in one owner; never shared or copied.
final class Slab<Element> {
    @exclusivity(unchecked) private var elements: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<SlabSlot>
    @exclusivity(unchecked) private var capacity: Int
    /// Slots ever made, live or free: the slab's high-water mark.
    @exclusivity(unchecked) private(set) var slotCount = 0
    @exclusivity(unchecked) private var freeHead: Int32 = -1
    /// Records in use.
    @exclusivity(unchecked) private(set) var live = 0

    init(capacity: Int = 16) {
        precondition(_isPOD(Element.self), "Slab holds plain data only")
        self.capacity = max(1, capacity)
        elements = .allocate(capacity: self.capacity)
        slots = .allocate(capacity: self.capacity)
    }

    deinit {
        elements.deinitialize(count: slotCount)
        elements.deallocate()
        slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    /// Stores `element` in the most recently freed slot, or a new one; returns the slot.
    /// Inlined: a DSM run inserts a message meaning per message, and the call cost more than the insert.
    @inline(__always) func insert(_ element: Element) -> Int32 {
        live &+= 1
        guard freeHead >= 0 else { return append(element) }
        let index = freeHead
        let slot = slots + Int(index)
        freeHead = slot.pointee.nextFree
        slot.pointee.generation &+= 1
        elements[Int(index)] = element
        return index
    }

    /// A new slot; growth stays out of line, as it happens only until the slab is warm.
    @inline(never) private func append(_ element: Element) -> Int32 {
        if slotCount == capacity {
            let grownElements = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grownElements.moveInitialize(from: elements, count: slotCount)
            elements.deallocate()
            elements = grownElements
            let grownSlots = UnsafeMutablePointer<SlabSlot>.allocate(capacity: capacity * 2)
            grownSlots.moveInitialize(from: slots, count: slotCount)
            slots.deallocate()
            slots = grownSlots
            capacity *= 2
        }
        (elements + slotCount).initialize(to: element)
        (slots + slotCount).initialize(to: SlabSlot())
        slotCount += 1
        return Int32(slotCount - 1)
    }

    /// Frees `index` (which must be in use): its generation moves on, so handles to it go stale.
    @inline(__always) func remove(_ index: Int32) {
        let slot = slots + Int(index)
        assert(slot.pointee.inUse, "a slab slot freed twice")
        slot.pointee.generation &+= 1
        slot.pointee.nextFree = freeHead
        freeHead = index
        live &-= 1
    }

    /// The generation of the record now in `index`: handed out with the index, checked by `isLive`.
    @inline(__always) func generation(_ index: Int32) -> UInt32 {
        slots[Int(index)].generation
    }

    /// Whether `index` still holds the record of `generation` (any index may be asked). A freed
    /// slot's generation is odd and a handed-out one even, so a freed slot never matches.
    @inline(__always) func isLive(_ index: Int32, _ generation: UInt32) -> Bool {
        index >= 0 && Int(index) < slotCount && slots[Int(index)].generation == generation
    }

    /// The record in slot `index`; callers pass only slots in use. Indexed by `Int`, as `PlainArray` is.
    @inline(__always) subscript(index: Int) -> Element {
        unsafeAddress { UnsafePointer(elements + index) }
        unsafeMutableAddress { elements + index }
    }

    /// The record in slot `index`, to read and write several fields through one address.
    @inline(__always) func mutableAddress(_ index: Int) -> UnsafeMutablePointer<Element> {
        elements + index
    }

    /// The slots in use, in slot order.
    var liveIndices: [Int32] {
        (0..<slotCount).filter { slots[$0].inUse }.map { Int32($0) }
    }
}
