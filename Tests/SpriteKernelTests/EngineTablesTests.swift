import Testing
@testable import SpriteKernel

/// The engine's internal tables behave like the dictionaries they replace.
@Suite struct EngineTablesTests {
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
        var table = SeriesTable()
        #expect(table.isEmpty)
        #expect(table[0] == nil && table[99] == nil && table[-1] == nil)
        table[5] = series(5)
        table[2] = series(2)
        table[40] = series(40)
        #expect(table[5]?.client == 5 && table[2]?.client == 2 && table[40]?.client == 40)
        #expect(table[3] == nil && table[41] == nil)
        #expect(!table.isEmpty)

        var updated = table[5]!
        updated.completed = 3
        table[5] = updated
        #expect(table[5]?.completed == 3)

        table[2] = nil
        table[2] = nil
        #expect(table[2] == nil)
        table[100] = nil
        #expect(table[100] == nil)
        // The freed slot is reused, and nothing else moves.
        table[7] = series(7)
        #expect(table[7]?.client == 7 && table[5]?.completed == 3 && table[40]?.client == 40)

        // Iteration is in increasing operation id, like a dictionary sorted by key.
        #expect(table.map(\.key) == [5, 7, 40])
        #expect(table.map(\.value.client) == [5, 7, 40])
        #expect(table.sorted(by: { $0.key < $1.key }).map(\.key) == [5, 7, 40])

        for op in [5, 7, 40] as [Int32] { table[op] = nil }
        #expect(table.isEmpty)
        #expect(table.map(\.key).isEmpty)
    }
}
