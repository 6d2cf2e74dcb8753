import Testing
@testable import SpriteKernel

/// The slab hands out slots, reuses the most recently freed one first, and tells a stale
/// handle (an index with an old generation) from a live one.
@Suite struct SlabTests {
    struct Record: Equatable {
        var value: Int64
        var tag: Int32
    }

    @Test func insertsReadsAndWritesInPlace() {
        let slab = Slab<Record>()
        let a = slab.insert(Record(value: 10, tag: 1))
        let b = slab.insert(Record(value: 20, tag: 2))
        // A new slab fills slots 0, 1, ... in order.
        #expect(a == 0 && b == 1)
        slab[Int(b)].value += 5
        slab.mutableAddress(Int(a)).pointee.tag = 7
        #expect(slab[Int(a)] == Record(value: 10, tag: 7))
        #expect(slab[Int(b)] == Record(value: 25, tag: 2))
        #expect(slab.live == 2 && slab.slotCount == 2)
    }

    @Test func freedSlotsAreReusedLastFreedFirst() {
        let slab = Slab<Record>()
        for value in 0..<4 { _ = slab.insert(Record(value: Int64(value), tag: 0)) }
        slab.remove(1)
        slab.remove(3)
        // The free list is a stack: 3 was freed last, so it is taken first, then 1, then a new slot 4.
        #expect(slab.insert(Record(value: 30, tag: 0)) == 3)
        #expect(slab.insert(Record(value: 10, tag: 0)) == 1)
        #expect(slab.insert(Record(value: 40, tag: 0)) == 4)
        #expect(slab[3].value == 30 && slab[1].value == 10 && slab[4].value == 40)
        #expect(slab.live == 5 && slab.slotCount == 5)
    }

    @Test func aStaleHandleIsNotLive() {
        let slab = Slab<Record>()
        let index = slab.insert(Record(value: 1, tag: 0))
        let first = slab.generation(index)
        #expect(slab.isLive(index, first))
        slab.remove(index)
        // Freed: the old handle is stale at once, before the slot is taken again.
        #expect(!slab.isLive(index, first))
        let again = slab.insert(Record(value: 2, tag: 0))
        #expect(again == index)
        let second = slab.generation(again)
        // Freeing moved the generation on by one (odd: free), taking it again by one more (even: in use).
        #expect(first == 0 && second == 2)
        #expect(slab.isLive(again, second) && !slab.isLive(index, first))
        // Indices the slab never handed out are not live either.
        #expect(!slab.isLive(-1, 0) && !slab.isLive(1, 0) && !slab.isLive(Int32.max, 0))
    }

    @Test func liveIndicesListTheSlotsInUseInOrder() {
        let slab = Slab<Record>()
        for value in 0..<6 { _ = slab.insert(Record(value: Int64(value), tag: 0)) }
        slab.remove(4)
        slab.remove(0)
        slab.remove(2)
        #expect(slab.liveIndices == [1, 3, 5])
        #expect(slab.live == 3)
    }

    @Test func steadyChurnStaysWithinTheHighWaterMark() {
        // At most 8 records live at once: however long the churn runs, 8 slots are all it ever makes.
        let slab = Slab<Record>(capacity: 2)
        var held: [Int32] = []
        var random = SeededGenerator(seed: 3)
        for step in 0..<10_000 {
            if held.count == 8 || (!held.isEmpty && random.next() % 2 == 0) {
                let victim = held.remove(at: Int(random.next() % UInt64(held.count)))
                #expect(slab[Int(victim)].value == Int64(victim) * 1000 + Int64(slab[Int(victim)].tag))
                slab.remove(victim)
            } else {
                let tag = Int32(step % 1000)
                let index = slab.insert(Record(value: 0, tag: tag))
                slab[Int(index)].value = Int64(index) * 1000 + Int64(tag)
                held.append(index)
            }
        }
        #expect(slab.slotCount == 8)
        #expect(slab.live == held.count)
        #expect(slab.liveIndices == held.sorted())
    }
}
