import Testing
@testable import SpriteKernel

@Suite struct EventQueueTests {
    @Test func popsInTimeOrder() throws {
        var queue = EventQueue()
        queue.schedule(.timer(id: 3), at: .us(30))
        queue.schedule(.timer(id: 1), at: .us(10))
        queue.schedule(.net(.deliver(message: 7)), at: .us(20))
        queue.schedule(.timer(id: 0), at: .zero)
        #expect(queue.count == 4)
        #expect(queue.nextTime == .zero)

        var popped: [(SimTime, Event)] = []
        while let event = queue.popNext() { popped.append((event.time, event.kind)) }
        #expect(popped.map { $0.0 } == [.zero, .us(10), .us(20), .us(30)])
        #expect(popped.map { $0.1 } == [.timer(id: 0), .timer(id: 1), .net(.deliver(message: 7)), .timer(id: 3)])
        // The queue is noncopyable, so #expect may not capture it for a property access.
        let isEmpty = queue.isEmpty
        #expect(isEmpty)
        #expect(queue.nextTime == nil)
        #expect(queue.popNext() == nil)
    }

    @Test func tiesAreBrokenByInsertionOrder() {
        var queue = EventQueue()
        // Interleave two times so equal-time events are not inserted consecutively.
        for id in Int32(0)..<20 {
            queue.schedule(.timer(id: id), at: id % 2 == 0 ? .ms(5) : .ms(2))
        }
        var ids: [Int32] = []
        while let event = queue.popNext() {
            guard case .timer(let id) = event.kind else { Issue.record("unexpected \(event.kind)"); continue }
            ids.append(id)
        }
        let odd = stride(from: Int32(1), to: 20, by: 2).map { $0 }
        let even = stride(from: Int32(0), to: 20, by: 2).map { $0 }
        #expect(ids == odd + even)
    }

    @Test func manyRandomInsertsPopSorted() {
        var queue = EventQueue()
        var random = SeededGenerator(seed: 42)
        let count = 20_000
        var inserted: [(time: Int64, id: Int32)] = []
        for id in 0..<count {
            // A narrow range forces many ties.
            let time = Int64(random.next() % 500)
            queue.schedule(.timer(id: Int32(id)), at: .ns(time))
            inserted.append((time, Int32(id)))
        }
        #expect(queue.count == count)

        var popped: [(time: Int64, id: Int32)] = []
        var sequences: [UInt64] = []
        while let event = queue.popNext() {
            guard case .timer(let id) = event.kind else { continue }
            popped.append((event.time.nanoseconds, id))
            sequences.append(event.sequence)
        }
        // A stable sort by time of the insertion order is exactly the expected pop order.
        let expected = inserted.enumerated()
            .sorted { $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset }
            .map(\.element)
        #expect(popped.count == count)
        #expect(popped.map(\.time) == expected.map(\.time))
        #expect(popped.map(\.id) == expected.map(\.id))
        #expect(Set(sequences).count == count)
    }

    @Test func eventsInAndOutOfTimeOrderPopSorted() {
        // A rising run (kept in the queue's FIFO) interleaved with falling times
        // (kept in its heap), popped while more arrive: the order is still exactly
        // (time, insertion), as a stable sort by time of the insertion order gives.
        var queue = EventQueue()
        var inserted: [(time: Int64, id: Int32)] = []
        var popped: [(time: Int64, id: Int32)] = []
        var floor: Int64 = 0
        func pop() {
            guard let event = queue.popNext(), case .timer(let id) = event.kind else { return }
            floor = event.time.nanoseconds
            popped.append((floor, id))
        }
        for id in Int32(0)..<600 {
            let time = id % 3 == 0 ? Int64(id) * 10 : 6_000 - Int64(id) * 7
            let due = max(time, floor)
            queue.schedule(.timer(id: id), at: .ns(due))
            inserted.append((due, id))
            if id % 4 == 3 { pop() }
        }
        while !queue.isEmpty { pop() }
        #expect(popped.count == inserted.count)
        let inOrder = zip(popped, popped.dropFirst()).allSatisfy {
            $0.time < $1.time || ($0.time == $1.time && $0.id < $1.id)
        }
        #expect(inOrder)
    }

    @Test func removeAllEmptiesTheQueue() {
        var queue = EventQueue()
        for id in Int32(0)..<5 { queue.schedule(.timer(id: id), at: .us(Int64(id))) }
        queue.removeAll()
        // The queue is noncopyable, so #expect may not capture it for a property access.
        let isEmpty = queue.isEmpty
        #expect(isEmpty)
        #expect(queue.count == 0)
        #expect(queue.popNext() == nil)
    }

    @Test func scheduledEventOrderingOperator() {
        let a = ScheduledEvent(time: .us(1), sequence: 9, kind: .timer(id: 0))
        let b = ScheduledEvent(time: .us(2), sequence: 1, kind: .timer(id: 0))
        let c = ScheduledEvent(time: .us(2), sequence: 2, kind: .timer(id: 0))
        #expect(a < b)
        #expect(b < c)
        #expect(!(c < b))
        #expect(!(b < b))
    }

    @Test func subsystemEventsKeepTheQueueEntryAtThirtyTwoBytes() {
        // Nesting each subsystem's enum must not grow the heap entry: the queue moves it on every sift.
        // An event of two Int32 handles (IPC's below) is the largest a subsystem may add.
        #expect(MemoryLayout<Event>.size <= 16)
        #expect(MemoryLayout<ScheduledEvent>.stride == 32)
        var queue = EventQueue()
        queue.schedule(.files(.fileStepDone(node: 3, operation: 9)), at: .us(2))
        queue.schedule(.ipc(.processResume(process: 1, operation: 2)), at: .us(1))
        queue.schedule(.rpc(.serverTimeout(operation: 5)), at: .us(1))
        #expect(queue.popNext()?.kind == .ipc(.processResume(process: 1, operation: 2)))
        #expect(queue.popNext()?.kind == .rpc(.serverTimeout(operation: 5)))
        #expect(queue.popNext()?.kind == .files(.fileStepDone(node: 3, operation: 9)))
    }

    @Test func simulationTimersStopTheRunInTimeOrder() throws {
        let sim = try makeSimulation(nodes: 1)
        let late = try sim.scheduleTimer(at: .ms(3))
        let early = try sim.scheduleTimer(at: .ms(1))
        #expect(sim.pendingEventCount == 2)
        #expect(sim.run() == .timer(id: early))
        #expect(sim.now == .ms(1))
        #expect(sim.run() == .timer(id: late))
        #expect(sim.now == .ms(3))
        #expect(sim.run() == .idle)
        #expect(sim.now == .ms(3))
        #expect(!sim.hasPendingEvents)
        #expect(throws: KernelError.timeInPast(requested: .ms(2), now: .ms(3))) {
            _ = try sim.scheduleTimer(at: .ms(2))
        }
    }

    @Test func runUntilDeadlineLeavesLaterEventsQueued() throws {
        let sim = try makeSimulation(nodes: 1)
        _ = try sim.scheduleTimer(at: .ms(10))
        #expect(sim.run(until: .ms(4)) == .reachedDeadline)
        #expect(sim.now == .ms(4))
        #expect(sim.pendingEventCount == 1)
        // An idle run with a deadline still advances the clock to the deadline.
        let idle = try makeSimulation(nodes: 1)
        #expect(idle.run(until: .ms(7)) == .idle)
        #expect(idle.now == .ms(7))
    }

    @Test func eventLimitStopsTheRun() throws {
        let sim = try makeSimulation(nodes: 2)
        _ = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100), count: 10)
        #expect(sim.run(eventLimit: 5) == .eventLimit)
        #expect(sim.statistics.eventsProcessed == 5)
        #expect(sim.run() == .idle)
        // Three events per call: request delivery, service done, reply delivery.
        #expect(sim.statistics.eventsProcessed == 30)
    }

    @Test func raisedInterruptStopsTheRun() throws {
        let sim = try makeSimulation(nodes: 2)
        _ = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100), count: 10)
        let flag = InterruptFlag()
        flag.raise()
        #expect(sim.run(interrupt: flag) == .interrupted)
        #expect(sim.statistics.eventsProcessed == 0)
        flag.clear()
        #expect(sim.run(interrupt: flag) == .idle)
        #expect(sim.now == Zero.rpc32 * 10)
    }
}
