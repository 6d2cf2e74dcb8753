import Testing
@testable import SpriteKernel

/// The radix heap behind `EventQueue`: whatever the buckets do, every removal must give the least key held.
@Suite struct EventHeapTests {
    /// A simulation's pattern: events scheduled at or after the last one taken, some soon, some seconds
    /// ahead, with ties in time, inserts and removals interleaved. The reference is the least of the keys
    /// still held, found by a plain search.
    @Test func interleavedMonotoneInsertsComeOutLeastFirst() {
        var heap = EventHeap()
        var random = SeededGenerator(seed: 11)
        var held: [ScheduledEvent] = []
        var sequence: UInt64 = 0
        var now: Int64 = 0
        var taken = 0
        for step in 0..<30_000 {
            let inserts = Int(random.next() % 3)
            for _ in 0..<inserts {
                // Ahead by nothing (a tie in time), by microseconds, or by up to about four seconds.
                let ahead: Int64 = switch random.next() % 3 {
                case 0: 0
                case 1: Int64(random.next() % 5_000)
                default: Int64(random.next() % 4_000_000_000)
                }
                let event = ScheduledEvent(time: .ns(now + ahead), sequence: sequence, kind: .timer(id: Int32(step)))
                sequence += 1
                heap.insert(event)
                held.append(event)
            }
            // The heap is noncopyable, so #expect may not capture it for a property access.
            let count = heap.count, first = heap.first
            #expect(count == held.count)
            guard let least = held.indices.min(by: { held[$0] < held[$1] }) else {
                #expect(first == nil)
                continue
            }
            #expect(first == held[least])
            let event = heap.removeFirst()
            #expect(event == held[least])
            held.remove(at: least)
            now = event?.time.nanoseconds ?? now
            taken += 1
        }
        while let least = held.indices.min(by: { held[$0] < held[$1] }) {
            #expect(heap.removeFirst() == held[least])
            held.remove(at: least)
        }
        let isEmpty = heap.isEmpty
        #expect(isEmpty)
        #expect(taken > 20_000)
    }

    /// An event earlier than the last one taken (the engine never schedules one) still comes out first,
    /// and the others keep their order.
    @Test func anEarlierEventStillComesOutFirst() {
        var heap = EventHeap()
        for (index, ms) in [Int64(5), 9, 7, 30].enumerated() {
            heap.insert(ScheduledEvent(time: .ms(ms), sequence: UInt64(index), kind: .timer(id: Int32(index))))
        }
        #expect(heap.removeFirst()?.time == .ms(5))
        heap.insert(ScheduledEvent(time: .ms(1), sequence: 4, kind: .timer(id: 4)))
        var times: [SimTime] = []
        while let event = heap.removeFirst() { times.append(event.time) }
        #expect(times == [.ms(1), .ms(7), .ms(9), .ms(30)])
    }

    @Test func removeAllEmptiesItForReuse() {
        var heap = EventHeap()
        for index in 0..<100 {
            heap.insert(ScheduledEvent(time: .us(Int64(100 - index)), sequence: UInt64(index), kind: .timer(id: 0)))
        }
        _ = heap.removeFirst()
        heap.removeAll()
        let isEmpty = heap.isEmpty, first = heap.first
        #expect(isEmpty)
        #expect(first == nil)
        heap.insert(ScheduledEvent(time: .zero, sequence: 0, kind: .timer(id: 9)))
        #expect(heap.removeFirst()?.kind == .timer(id: 9))
    }
}
