import Testing
@testable import SpriteKernel

/// The noncopyable tables behave like the Array and Dictionary they replace.
/// Being noncopyable, they are read into locals before `#expect` sees them.
@Suite struct UniqueTablesTests {
    @Test func uniqueArrayAppendsReadsWritesAndRemovesLikeAnArray() {
        // Strings, so a lost or doubled element would show as a wrong value or a crash on release.
        var array = UniqueArray<String>()
        var reference: [String] = []
        for index in 0..<100 {
            array.append("v\(index)")
            reference.append("v\(index)")
        }
        array[7] = "seven"
        reference[7] = "seven"
        let last = array.removeLast()
        let expectedLast = reference.removeLast()
        var contents: [String] = []
        for index in array.indices { contents.append(array[index]) }
        #expect(last == expectedLast)
        #expect(contents == reference)
        // Capacity only doubles from 16: 100 elements fit in 128.
        let capacity = array.capacity
        #expect(capacity == 128)
        array.removeAll()
        let count = array.count, isEmpty = array.isEmpty
        #expect(count == 0 && isEmpty)
        array.append("again")
        let first = array[0]
        #expect(first == "again")
    }

    @Test func uniqueArrayRepeatingFillsEverySlot() {
        let array = UniqueArray<Int>(repeating: -1, count: 5)
        var contents: [Int] = []
        for index in array.indices { contents.append(array[index]) }
        #expect(contents == [-1, -1, -1, -1, -1])
    }

    @Test func nodeNameIndexClaimsAndFindsLikeADictionary() {
        var index = NodeNameIndex()
        var reference: [String: Int] = [:]
        // Enough names to grow the table several times (16, 32, ... 4096 slots).
        for position in 0..<1_500 {
            let name = position % 3 == 0 ? "server-\(position)" : "c\(position)"
            let taken = index.claim(name)
            #expect(taken == nil)
            reference[name] = position
        }
        for (name, position) in reference {
            let found = index[name]
            #expect(found == position)
        }
        // A name already given keeps its node; the index is unchanged.
        let again = index.claim("c1"), count = index.count
        #expect(again == 1 && count == 1_500)
        let missing = [index["c0"], index["server-1"], index[""], index["c1500"]]
        #expect(missing.allSatisfy { $0 == nil })
    }

    @Test func anEmptyNodeNameIndexFindsNothing() {
        let index = NodeNameIndex()
        let found = index["anything"]
        #expect(found == nil)
    }
}
