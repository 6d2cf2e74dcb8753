import Testing
@testable import SpriteKernel

/// The engine's internal tables behave like the dictionaries they replace.
@Suite struct EngineTablesTests {
    /// A link free by the engine's clock is as good as one never used (a booking takes the later of its
    /// own ready time, never before the clock, and the link's free time), so the table drops such links
    /// when it would grow: 100,000 pairs booked one after another, each busy for 5 µs from the clock, leave
    /// it as small as the few links busy at once need; a link still busy past the clock keeps its time.
    @Test func linkTableForgetsLinksFreeByTheClock() {
        var table = LinkTable()
        let longBusy = table.claim(-42, now: .zero)
        table[claimed: longBusy] = .ms(10_000)
        for step in 0..<100_000 {
            let now = SimTime.us(Int64(step))
            let slot = table.claim((step << 32) | (step + 1), now: now)
            #expect(table[claimed: slot] == .zero)
            table[claimed: slot] = now + .us(5)
        }
        #expect(table.capacity <= 64, "\(table.capacity) slots")
        #expect(table[-42] == .ms(10_000))
        // The last links booked are still busy and keep their times; an early one reads as never used.
        #expect(table[(99_999 << 32) | 100_000] == .us(100_004))
        #expect(table[(5 << 32) | 6] == .zero)
    }

    @Test func linkTableMatchesADictionary() {
        var table = LinkTable()
        var reference: [Int: SimTime] = [:]
        var random = SeededGenerator(seed: 9)
        #expect(table[12345] == .zero)
        for step in 0..<20_000 {
            // Link keys as topologies make them: (from << 32) | to, plus the bus's 0.
            let from = Int(random.next() % 300), to = Int(random.next() % 300)
            let key = step % 97 == 0 ? 0 : (from << 32) | to
            let time = SimTime.ns(Int64(random.next() % 1_000_000))
            #expect(table[key] == (reference[key] ?? .zero))
            table[key] = time
            reference[key] = time
        }
        for (key, time) in reference { #expect(table[key] == time) }
        #expect(table[(301 << 32) | 5] == .zero)
        table.removeAll()
        for key in reference.keys.prefix(100) { #expect(table[key] == .zero) }
        table[7] = .us(3)
        #expect(table[7] == .us(3))
        // Any integer is a valid key, negative ones and the extremes included.
        for key in [-1, Int.min, Int.max, -(5 << 32)] {
            #expect(table[key] == .zero)
            table[key] = .ns(Int64(key & 0xFFFF) + 1)
        }
        for key in [-1, Int.min, Int.max, -(5 << 32)] { #expect(table[key] == .ns(Int64(key & 0xFFFF) + 1)) }
        #expect(table[7] == .us(3))
        table.removeAll()
        #expect(table[Int.min] == .zero && table[-1] == .zero)
    }

    private func series(_ n: Int) -> RpcSeries {
        RpcSeries(client: n, server: 0, requestBytes: 32, replyBytes: 32, service: .us(100),
                  count: n, penalty: .zero)
    }

    @Test func seriesTableStoresRemovesAndReusesSlots() {
        // The table is noncopyable: #expect may not capture it, so its answers are read first.
        var table = SeriesTable()
        var isEmpty = table.isEmpty
        #expect(isEmpty)
        var found = [table[0], table[99], table[-1]]
        #expect(found.allSatisfy { $0 == nil })
        table[5] = series(5)
        table[2] = series(2)
        table[40] = series(40)
        found = [table[5], table[2], table[40], table[3], table[41]]
        #expect(found.map { $0?.client } == [5, 2, 40, nil, nil])
        isEmpty = table.isEmpty
        #expect(!isEmpty)

        var updated = table[5]!
        updated.completed = 3
        table[5] = updated
        var completed = table[5]?.completed
        #expect(completed == 3)

        table[2] = nil
        table[2] = nil
        found = [table[2]]
        #expect(found.allSatisfy { $0 == nil })
        table[100] = nil
        found = [table[100]]
        #expect(found.allSatisfy { $0 == nil })
        // The freed slot is reused, and nothing else moves.
        table[7] = series(7)
        found = [table[7], table[40]]
        completed = table[5]?.completed
        #expect(found.map { $0?.client } == [7, 40] && completed == 3)

        // Entries come in increasing operation id, like a dictionary sorted by key.
        var entries = table.entries
        #expect(entries.map(\.key) == [5, 7, 40])
        #expect(entries.map(\.value.client) == [5, 7, 40])

        for op in [5, 7, 40] as [Int32] { table[op] = nil }
        isEmpty = table.isEmpty
        entries = table.entries
        #expect(isEmpty)
        #expect(entries.isEmpty)
    }
}
